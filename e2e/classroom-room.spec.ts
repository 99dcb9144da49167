import { rmSync } from 'node:fs';
import { expect, request as playwrightRequest, test, type APIResponse, type Browser, type Page } from '@playwright/test';
import { startOwnApp } from './own-app';

/** Each phone is its own client on the LAN: its own address, so the per-client rate limit treats it as one. */
async function phone(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, extraHTTPHeaders: { 'x-forwarded-for': address } });
  return context.newPage();
}

async function joinByCode(page: Page, code: string, nickname: string) {
  await page.goto('/classroom');
  await page.getByLabel(/Room code/).fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/classroom/${code}/join$`));
  await page.getByLabel('Your nickname').fill(nickname);
  await page.getByRole('button', { name: `Join room ${code}` }).click();
  await expect(page.getByTestId('student-nickname')).toHaveText(nickname);
}

async function predictAndAsk(page: Page, prediction: 'HIT' | 'MISS', expected: 'hit' | 'miss', verdict: 'right!' | 'not this time.') {
  await expect(page.getByRole('button', { name: 'Predict first' })).toBeDisabled();
  // The choices are radio buttons labelled hit / miss (shown in capitals).
  await page.getByRole('radio', { name: prediction.toLowerCase() }).check({ force: true });
  await page.getByRole('button', { name: '2. Send the request' }).click();
  const answer = page.getByTestId('student-answer');
  await expect(answer.getByTestId('cache-status')).toHaveText(expected, { timeout: 15_000 });
  await expect(answer).toContainText(`You predicted ${prediction}: ${verdict}`);
}

test('a teacher and three phones: join by code, predict, ask; the room shows it live and counts the predictions right', async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await teacher.goto('/classroom');
  await teacher.getByRole('button', { name: 'Open a room' }).click();
  await expect(teacher).toHaveURL(/\/classroom\/[A-Z]{4}$/);
  const code = (await teacher.getByTestId('room-code').textContent())!;
  await expect(teacher.getByTestId('join-url')).toHaveText(new RegExp(`^http://[^/]+/classroom/${code}/join$`));
  await expect(teacher.getByTestId('join-qr')).toBeVisible();

  const name = `maxim_${Date.now().toString(36)}`;
  await teacher.getByLabel('Name the round is about').fill(name);
  await teacher.getByRole('button', { name: 'Everyone ask for it' }).click();
  await expect(teacher.getByTestId('round-prompt')).toContainText(`Everyone ask for “${name}”`);

  const [ada, bob, cy] = await Promise.all(['10.1.0.1', '10.1.0.2', '10.1.0.3'].map((address) => phone(browser, address)));
  await joinByCode(ada!, code, 'Ada');
  await joinByCode(bob!, code, 'Bob');
  // The third phone follows the join link itself (its path: the LAN address may not route inside the test machine).
  await cy!.goto(new URL((await teacher.getByTestId('join-url').textContent())!).pathname);
  await cy!.getByLabel('Your nickname').fill('Cy');
  await cy!.getByRole('button', { name: `Join room ${code}` }).click();
  await expect(teacher.getByTestId('figure-students')).toHaveText('3');

  for (const student of [ada!, bob!, cy!]) {
    await expect(student.getByTestId('student-round')).toContainText(name);
    await expect(student.getByLabel('Name to ask for')).toHaveValue(name);
  }
  await predictAndAsk(ada!, 'MISS', 'miss', 'right!');
  await predictAndAsk(bob!, 'MISS', 'hit', 'not this time.');
  await predictAndAsk(cy!, 'HIT', 'hit', 'right!');

  const feed = teacher.getByTestId('room-feed').locator('tbody tr');
  await expect(feed).toHaveCount(3);
  await expect(feed.nth(0)).toContainText('Cy');
  await expect(feed.nth(0)).toContainText('warmed by Ada');
  await expect(feed.nth(2)).toContainText('Ada');
  await expect(feed.nth(2)).toContainText('miss');
  await expect(teacher.getByTestId('figure-requests')).toHaveText('3');
  await expect(teacher.getByTestId('figure-hit-ratio')).toHaveText('67 %');
  await expect(teacher.getByTestId('figure-accuracy')).toHaveText('67 %');
  await expect(teacher.getByTestId('round-2-accuracy')).toHaveText('2 of 3 predictions right (67 %)');
  await expect(teacher.getByTestId('warmers')).toContainText('Ada’s request made the next 2 fast.');
  await expect(teacher.getByTestId('round-ttl')).toContainText(`“${name}” is cached for another 23 h 59 min`);
  await expect(bob!.getByTestId('student-score')).toContainText('0 of 1 right');

  // The teacher invalidates the key: a new round, a fresh prediction, and a miss for whoever asks first.
  await teacher.getByRole('button', { name: 'Invalidate it, then predict' }).click();
  await expect(teacher.getByTestId('round-prompt')).toContainText(`The teacher invalidated “${name}”`);
  await expect(bob!.getByTestId('student-round')).toContainText('invalidated');
  await predictAndAsk(bob!, 'MISS', 'miss', 'right!');
  await expect(teacher.getByTestId('round-3-accuracy')).toHaveText('1 of 1 predictions right (100 %)');
  await expect(teacher.getByTestId('figure-accuracy')).toHaveText('100 %');
  await expect(teacher.getByTestId('warmers')).toContainText('Bob’s miss stored it');
  await expect(bob!.getByTestId('student-score')).toContainText('1 of 2 right');

  // A reload keeps the phone's seat; a taken nickname is refused with a reason.
  await bob!.reload();
  await expect(bob!.getByTestId('student-nickname')).toHaveText('Bob');
  const dan = await phone(browser, '10.1.0.4');
  await dan.goto(`/classroom/${code}/join`);
  await dan.getByLabel('Your nickname').fill('ada');
  await dan.getByRole('button', { name: `Join room ${code}` }).click();
  await expect(dan.getByRole('main').getByRole('alert')).toContainText('already called “ada”');

  // The teacher closes the room (asked first); the phones say so instead of going quiet.
  await teacher.getByRole('button', { name: 'Close the room now' }).click();
  await teacher.getByRole('button', { name: 'Close it' }).click();
  await expect(teacher).toHaveURL(/\/classroom$/);
  await expect(ada!.getByRole('main').getByRole('alert')).toContainText(`Room ${code} is not open`);
});

async function json<T>(response: APIResponse): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { data: T }).data;
}

test('a room of 30 students (API clients) on two app instances holds: every join, request and prediction counted, the 31st refused, the live view shows them all', async ({ page }) => {
  test.setTimeout(120_000);
  // Its own app and redis-server: exactly 30 seats, and Redis timeouts a loaded test machine cannot trip (a 300 ms
  // timeout there would turn hits into BYPASS, as designed, and that is not what this test is about).
  const settings = {
    CLASSROOM_MAX_STUDENTS: '30',
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    USERNAME_DELAY_MS: '800',
    CACHE_PREFIX: `cle2e-classroom-${Date.now().toString(36)}:`,
    // A leaderboard this test never asks for: the smallest, in a file of its own.
    LEADERBOARD_DB: `${process.env.TMPDIR ?? '/tmp'}/cachelab-e2e-classroom-${Date.now()}.db`,
    LEADERBOARD_PLAYERS: '50',
    LEADERBOARD_ROWS: '50',
  };
  const app = await startOwnApp({ env: settings });
  // A second instance on the same Redis: half the class is served by it, and the room is one room.
  const other = await startOwnApp({ env: { ...settings, REDIS_URL: app.redis.url } });
  const request = await playwrightRequest.newContext({ baseURL: app.url });
  const via = (index: number, path: string) => `${index % 2 ? other.url : app.url}${path}`;
  try {
    const { code } = await json<{ code: string }>(await request.post('/api/classroom/rooms'));
    const students = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const address = `10.2.0.${index + 1}`;
        const joined = await json<{ studentId: string }>(
          await request.post(via(index, `/api/classroom/rooms/${code}/students`), { data: { nickname: `Student ${index + 1}` }, headers: { 'x-forwarded-for': address } }),
        );
        return { index, address, studentId: joined.studentId };
      }),
    );
    const late = await request.post(`/api/classroom/rooms/${code}/students`, { data: { nickname: 'Latecomer' }, headers: { 'x-forwarded-for': '10.2.0.99' } });
    expect(late.status()).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('room_full');
    const name = `crowd_${Date.now().toString(36)}`;
    const wave = (prediction: 'hit' | 'miss') =>
      Promise.all(
        students.map(async ({ index, address, studentId }) => {
          const response = await request.get(via(index, `/api/username/${name}`), {
            headers: { 'x-forwarded-for': address, 'x-classroom-room': code, 'x-classroom-student': studentId, 'x-classroom-prediction': prediction },
          });
          expect(response.status()).toBe(200);
          return response.headers()['x-cache'];
        }),
      );
    // Thirty at once on a cold key: each instance computes once, the rest wait for it. All MISS, as predicted.
    expect(new Set(await wave('miss'))).toEqual(new Set(['MISS']));
    expect(new Set(await wave('hit'))).toEqual(new Set(['HIT']));

    const view = await json<{ students: unknown[]; totals: { requests: number; hitRatio: number }; rounds: Array<{ predicted: number; correct: number }> }>(
      await request.get(`/api/classroom/rooms/${code}`),
    );
    expect(view.students).toHaveLength(30);
    expect(view.totals).toMatchObject({ requests: 60, hitRatio: 0.5 });
    expect(view.rounds[0]).toMatchObject({ predicted: 60, correct: 60 });

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.url}/classroom/${code}`);
    await expect(page.getByRole('heading', { name: 'Students (30 of 30)' })).toBeVisible();
    await expect(page.getByTestId('students').getByRole('listitem')).toHaveCount(30);
    await expect(page.getByTestId('figure-accuracy')).toHaveText('100 %');
    await expect(page.getByTestId('warmers')).toContainText('made the next 30 fast');

    // Bad input is a clear 400, an unknown room a 404: never a crash.
    const bad = await request.post(`/api/classroom/rooms/${code}/students`, { data: { nickname: '🙂' }, headers: { 'x-forwarded-for': '10.2.1.1' } });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^nickname: may contain only letters/);
    const unknown = await request.get('/api/classroom/rooms/ZZZZ');
    expect([404]).toContain(unknown.status());
    expect((await request.delete(`/api/classroom/rooms/${code}`)).status()).toBe(200);
    expect((await request.get(`/api/classroom/rooms/${code}`)).status()).toBe(404);
  } finally {
    await request.dispose();
    await other.stop();
    await app.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${settings.LEADERBOARD_DB}${suffix}`, { force: true });
  }
});
