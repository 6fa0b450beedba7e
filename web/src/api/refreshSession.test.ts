// refreshSession keeps the session on a passing failure and ends it only when the server says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Api = typeof import('../api');
let api: Api;

const token = (n: number) => ({
  access_token: `at_${n}`,
  token_type: 'Bearer',
  expires_in: 900,
  user: { id: 'u1', name: 'Pat', email: null, phone: null, role: 'patient', status: 'active',
    email_verified: true, phone_verified: false, mfa_enabled: false },
});

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status < 400 ? 'application/json' : 'application/problem+json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

const fetchMock = vi.fn<typeof fetch>();

beforeEach(async () => {
  vi.resetModules();
  vi.stubGlobal('document', { cookie: 'kiorex_csrf=c1' });
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockReset();
  api = await import('../api');
  fetchMock.mockResolvedValueOnce(answer(200, token(1)));
  await api.refreshSession();
  expect(api.currentAccessToken()).toBe('at_1');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('refreshSession', () => {
  it('on 429 keeps the session, rejects with Retry-After, and tells the failure listeners', async () => {
    const failures: unknown[] = [];
    const sessions: unknown[] = [];
    api.onRefreshFailure((e) => failures.push(e));
    api.onSessionChange((s) => sessions.push(s));
    fetchMock.mockResolvedValueOnce(
      answer(429, { type: 'https://kiorex.dev/problems/rate-limited', title: 'Too many requests', status: 429 }, { 'Retry-After': '42' }),
    );
    const err = await api.refreshSession().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(api.ApiError);
    expect((err as InstanceType<Api['ApiError']>).retryAfterSeconds).toBe(42);
    expect(api.currentAccessToken()).toBe('at_1');
    expect(sessions).toEqual([]); // nobody was told the session ended
    expect(failures).toHaveLength(1);
  });

  it('on a network error keeps the session', async () => {
    const sessions: unknown[] = [];
    api.onSessionChange((s) => sessions.push(s));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(api.refreshSession()).rejects.toBeInstanceOf(api.ApiError);
    expect(api.currentAccessToken()).toBe('at_1');
    expect(sessions).toEqual([]);
  });

  it('on 503 keeps the session', async () => {
    fetchMock.mockResolvedValueOnce(answer(503, { title: 'Unavailable', status: 503 }));
    await expect(api.refreshSession()).rejects.toBeInstanceOf(api.ApiError);
    expect(api.currentAccessToken()).toBe('at_1');
  });

  it('on 401 ends the session', async () => {
    const sessions: unknown[] = [];
    api.onSessionChange((s) => sessions.push(s));
    fetchMock.mockResolvedValueOnce(answer(401, { type: 'https://kiorex.dev/problems/invalid-refresh-token', title: 'Session ended', status: 401 }));
    await expect(api.refreshSession()).resolves.toBeNull();
    expect(api.currentAccessToken()).toBeNull();
    expect(sessions).toEqual([null]);
  });

  it('after a passing failure, the next refresh restores the normal state', async () => {
    fetchMock.mockResolvedValueOnce(answer(429, { status: 429 }, { 'Retry-After': '1' }));
    await api.refreshSession().catch(() => {});
    fetchMock.mockResolvedValueOnce(answer(200, token(2)));
    await expect(api.refreshSession()).resolves.toMatchObject({ access_token: 'at_2' });
    expect(api.currentAccessToken()).toBe('at_2');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(api.parseRetryAfter('120')).toBe(120);
    expect(api.parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30);
    expect(api.parseRetryAfter('soon')).toBeUndefined();
    expect(api.parseRetryAfter(null)).toBeUndefined();
  });
});
