import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/** A room with a little history, made through the API as phones would make it. */
async function busyRoom(request: APIRequestContext) {
  const code = ((await (await request.post('/api/classroom/rooms')).json()) as { data: { code: string } }).data.code;
  const name = `maxim_${Date.now().toString(36)}`;
  const students: Array<{ studentId: string; nickname: string; code: string }> = [];
  for (const [index, nickname] of ['Ada', 'Grace', 'Linus', 'Margaret'].entries()) {
    const response = await request.post(`/api/classroom/rooms/${code}/students`, { data: { nickname }, headers: { 'x-forwarded-for': `10.3.0.${index + 1}` } });
    students.push(((await response.json()) as { data: (typeof students)[number] }).data);
  }
  await request.post(`/api/classroom/rooms/${code}/rounds`, { data: { kind: 'ask', name } });
  for (const [index, student] of students.entries()) {
    await request.get(`/api/username/${name}`, {
      headers: { 'x-forwarded-for': `10.3.0.${index + 1}`, 'x-classroom-room': code, 'x-classroom-student': student.studentId, 'x-classroom-prediction': index % 2 ? 'hit' : 'miss' },
    });
  }
  return { code, student: students[0]! };
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`the classroom pages pass axe (WCAG 2.1 AA) at ${viewport.width} px`, async ({ browser, request }) => {
    const { code, student } = await busyRoom(request);
    const context = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
    const page = await context.newPage();

    await page.goto('/classroom');
    await expect(page.getByRole('heading', { name: 'A cache lab for a whole class' })).toBeVisible();
    await expectAccessible(page);
    await shot(page, `classroom-${viewport.width}`);

    await page.goto(`/classroom/${code}`);
    await expect(page.getByTestId('room-feed').locator('tbody tr')).toHaveCount(4);
    await expectAccessible(page);
    await shot(page, `room-${viewport.width}`);

    await page.goto(`/classroom/${code}/join`);
    await expect(page.getByLabel('Your nickname')).toBeVisible();
    await expectAccessible(page);
    await shot(page, `join-${viewport.width}`);

    // The same phone once joined: the predict-first form.
    await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`cachelab.classroom.${code}`, JSON.stringify(student)]);
    await page.reload();
    await expect(page.getByTestId('student-score')).toContainText('1 of 1 right');
    await expectAccessible(page);
    await shot(page, `student-${viewport.width}`);
    await context.close();
  });
}

test('presenter mode: ?presenter=1 scales the page for a projector, survives navigation, and the toggle turns it off', async ({ browser, request }) => {
  const { code } = await busyRoom(request);
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(`/classroom/${code}`);
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await rootSize();

  await page.goto(`/classroom/${code}?presenter=1`);
  await expect(page.locator('html')).toHaveClass(/presenter/);
  expect(await rootSize()).toBeGreaterThanOrEqual(normal * 1.3);
  await expect(page.getByRole('button', { name: 'Presenter', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Fewer controls: closing the room is not for the projector.
  await expect(page.getByRole('button', { name: 'Close the room now' })).toBeHidden();
  await expect(page.getByTestId('room-feed').locator('tbody tr')).toHaveCount(4);
  await expectAccessible(page);
  await shot(page, 'room-presenter-1920');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await shot(page, 'dashboard-presenter-1920');

  await page.getByRole('button', { name: 'Presenter', exact: true }).click();
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
  await page.goto('/classroom');
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
  await page.goto('/classroom?presenter=1');
  await shot(page, 'classroom-presenter-1920');
});
