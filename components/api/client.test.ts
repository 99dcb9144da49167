import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, apiBody, apiData, registerTokenAsker, type TokenReason } from './client';

/** A stand-in for one admin-guarded route: the client's own logic is what is tested here. */
const TOKEN = 'right-token';
let calls: Array<{ url: string; token: string | null; body: unknown }>;

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  calls = [];
  const stored = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const token = new Headers(init.headers).get('x-admin-token');
    calls.push({ url, token, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
    if (url === '/down') throw new TypeError('fetch failed');
    if (url === '/health') return answer(503, { status: 'degraded' });
    if (url === '/broken') return new Response('<html>', { status: 502 });
    if (url === '/bad') return answer(400, { error: { code: 'invalid_input', message: 'username: too long' } });
    if (token !== TOKEN) return answer(401, { error: { code: 'admin_token_required', message: 'This action needs the admin token (header x-admin-token).' } });
    return answer(200, { data: { deleted: true } });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Registers a dialog that types `answers` in turn and records why it was asked. */
function dialogAnswering(...answers: Array<string | null>) {
  const asked: TokenReason[] = [];
  const unregister = registerTokenAsker(async (reason) => {
    asked.push(reason);
    return answers.shift() ?? null;
  });
  return { asked, unregister };
}

describe('api client', () => {
  it('unwraps { data } and sends a JSON body', async () => {
    const dialog = dialogAnswering(TOKEN);
    await expect(apiData('/admin', { method: 'DELETE', json: { sentence: 'hi' } })).resolves.toEqual({ deleted: true });
    expect(calls.at(-1)).toMatchObject({ body: { sentence: 'hi' }, token: TOKEN });
    dialog.unregister();
  });

  it('turns { error } into a typed error with the server’s code and sentence', async () => {
    const failure = await apiData('/bad').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect(failure).toMatchObject({ status: 400, code: 'invalid_input', message: 'username: too long' });
  });

  it('says so when there is no answer, or an answer that is not JSON', async () => {
    await expect(apiData('/down')).rejects.toMatchObject({ status: 0, code: 'no_answer', message: 'The server did not answer. Is the app still running?' });
    await expect(apiData('/broken')).rejects.toMatchObject({ status: 502, code: 'http_error', message: 'The server answered 502.' });
  });

  it('reads the body of an accepted non-2xx status', async () => {
    await expect(apiBody('/health', { acceptStatus: [503] })).resolves.toEqual({ status: 'degraded' });
  });

  it('asks for the token once, retries with it, and keeps it for the tab', async () => {
    const dialog = dialogAnswering(TOKEN);
    await apiData('/admin', { method: 'POST' });
    await apiData('/admin', { method: 'POST' });
    expect(dialog.asked).toEqual(['missing']);
    expect(calls.map((call) => call.token)).toEqual([null, TOKEN, TOKEN]);
    dialog.unregister();
  });

  it('says a wrong token was refused and asks again', async () => {
    const dialog = dialogAnswering('wrong', TOKEN);
    await expect(apiData('/admin', { method: 'POST' })).resolves.toEqual({ deleted: true });
    expect(dialog.asked).toEqual(['missing', 'refused']);
    expect(calls.map((call) => call.token)).toEqual([null, 'wrong', TOKEN]);
    dialog.unregister();
  });

  it('asks once for several requests refused at the same moment', async () => {
    const dialog = dialogAnswering(TOKEN);
    await Promise.all([apiData('/admin', { method: 'POST' }), apiData('/admin', { method: 'DELETE' })]);
    expect(dialog.asked).toEqual(['missing']);
    dialog.unregister();
  });

  it('gives up with a plain sentence when the visitor cancels, and forgets nothing it did not have', async () => {
    const dialog = dialogAnswering(null);
    await expect(apiData('/admin', { method: 'POST' })).rejects.toMatchObject({ status: 401, code: 'admin_token_required', message: 'Not done: this action needs the admin token.' });
    expect(calls).toHaveLength(1);
    dialog.unregister();
  });

  it('without a dialog on the page, passes the server’s refusal on', async () => {
    await expect(apiData('/admin', { method: 'POST' })).rejects.toMatchObject({ code: 'admin_token_required', message: 'This action needs the admin token (header x-admin-token).' });
  });
});
