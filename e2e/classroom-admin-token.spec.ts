import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startOwnApp, type OwnApp } from './own-app';

/** With ADMIN_TOKEN set, the teacher's actions ask for it once per tab; students never need it. */
const TOKEN = 'e2e-classroom-token-7';
const LEADERBOARD_DB = `${process.env.TMPDIR ?? '/tmp'}/cachelab-e2e-classroom-token-${Date.now()}.db`;
let app: OwnApp;

test.beforeAll(async () => {
  app = await startOwnApp({ env: { ADMIN_TOKEN: TOKEN, USERNAME_DELAY_MS: '300', LEADERBOARD_DB, LEADERBOARD_PLAYERS: '50', LEADERBOARD_ROWS: '50' } });
});

test.afterAll(async () => {
  await app?.stop();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${LEADERBOARD_DB}${suffix}`, { force: true });
});

test('opening a room and running rounds ask for the admin token once; a student joins and asks without it', async ({ browser }) => {
  const teacherContext = await browser.newContext();
  const teacher = await teacherContext.newPage();
  await teacher.goto(`${app.url}/classroom`);
  await teacher.getByRole('button', { name: 'Open a room' }).click();
  const prompt = teacher.getByRole('dialog', { name: 'Admin token' });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel('Token').fill(TOKEN);
  await prompt.getByRole('button', { name: 'Save and retry' }).click();
  await expect(teacher).toHaveURL(/\/classroom\/[A-Z]{4}$/);
  const code = (await teacher.getByTestId('room-code').textContent())!;

  // Remembered for the tab: the round starts without asking again.
  await teacher.getByLabel('Name the round is about').fill('maxim');
  await teacher.getByRole('button', { name: 'Everyone ask for it' }).click();
  await expect(teacher.getByTestId('round-prompt')).toContainText('Everyone ask for “maxim”');
  await expect(prompt).toBeHidden();

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(`${app.url}/classroom/${code}/join`);
  await phone.getByLabel('Your nickname').fill('Ada');
  await phone.getByRole('button', { name: `Join room ${code}` }).click();
  await phone.getByRole('radio', { name: 'miss' }).check({ force: true });
  await phone.getByRole('button', { name: '2. Send the request' }).click();
  await expect(phone.getByTestId('student-answer')).toContainText('You predicted MISS: right!');
  await expect(teacher.getByTestId('room-feed').locator('tbody tr')).toHaveCount(1);
  await Promise.all([teacherContext.close(), phoneContext.close()]);
});
