import { chromium } from '@playwright/test';
const base = process.argv[2];
const paths = process.argv.slice(3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const width of [1440, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.log(width, 'console:', m.text().slice(0, 400)));
  page.on('pageerror', (e) => console.log(width, 'pageerror:', e.message.slice(0, 600)));
  for (const p of paths) {
    await page.goto(base + p);
    await page.waitForTimeout(Number(process.env.WAIT ?? 2500));
    const name = p.replace(/[^a-z0-9]+/gi, '_').slice(0, 40);
    await page.screenshot({ path: `/tmp/keylife/${name}-${width}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
