import { describe, expect, it } from 'vitest';
import type { TokenResponse } from '../api';
import { HANDOVER_KEY, MIN_REMAINING_MS, clearHandover, saveHandover, takeHandover } from './sessionHandover';

function memoryStore() {
  const m = new Map<string, string>();
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

const session: TokenResponse = {
  access_token: 'at_1',
  token_type: 'Bearer',
  expires_in: 900,
  refresh_token: 'rt_secret',
  user: {
    id: 'u1',
    name: 'Pat',
    email: 'pat@example.org',
    phone: null,
    role: 'patient',
    status: 'active',
    email_verified: true,
    phone_verified: false,
    mfa_enabled: false,
  },
};

describe('session handover across a reload', () => {
  it('hands the token to the next page with the time it has left, and removes it from storage at once', () => {
    const store = memoryStore();
    const now = 1_000_000;
    saveHandover(store, session, now + 600_000);
    const taken = takeHandover(store, now + 1_000);
    expect(taken?.access_token).toBe('at_1');
    expect(taken?.user.id).toBe('u1');
    expect(taken?.expires_in).toBe(599);
    expect(store.map.has(HANDOVER_KEY)).toBe(false);
    expect(takeHandover(store, now + 2_000)).toBeNull(); // taken once
  });

  it('never writes the refresh token', () => {
    const store = memoryStore();
    saveHandover(store, session, Date.now() + 600_000);
    expect(store.map.get(HANDOVER_KEY)).not.toContain('rt_secret');
  });

  it('does not take over a token about to expire (the page refreshes instead), and still removes it', () => {
    const store = memoryStore();
    const now = 5_000_000;
    saveHandover(store, session, now + MIN_REMAINING_MS - 1);
    expect(takeHandover(store, now)).toBeNull();
    expect(store.map.size).toBe(0);
  });

  it('ignores malformed or foreign content', () => {
    for (const raw of ['not json', '42', 'null', '{"expiresAt":9e15}', '{"expiresAt":9e15,"session":{"access_token":1}}',
      '{"expiresAt":9e15,"session":{"access_token":"a"}}', '{"expiresAt":"soon","session":{"access_token":"a","user":{"id":"u"}}}']) {
      const store = memoryStore();
      store.setItem(HANDOVER_KEY, raw);
      expect(takeHandover(store, Date.now())).toBeNull();
      expect(store.map.size).toBe(0);
    }
  });

  it('survives storage that throws (disabled, or full)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => saveHandover(broken, session, Date.now() + 600_000)).not.toThrow();
    expect(() => clearHandover(broken)).not.toThrow();
    expect(takeHandover(broken, Date.now())).toBeNull();
  });
});
