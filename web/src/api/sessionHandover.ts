// Carries this tab's access token across a reload without keeping it in storage while the page is open.
//
// The access token lives in memory (api.ts). When the page goes away (`pagehide`: reload, navigation) it is
// written to this tab's sessionStorage, and the next page of the app takes it out again at once
// (`takeHandover` always removes it). So a reload keeps the token it had until shortly before it expires, and
// does not spend a refresh: reloading 60 times is 60 page loads, not 60 refreshes. sessionStorage belongs to
// this tab and this origin only; the token sits there only between one page and the next (or while the person
// is on another site in this tab, for at most the token's remaining lifetime). See docs/architecture.md,
// "Sessions across reloads", for why not plain sessionStorage, a refresh on every load or a BroadcastChannel.
import type { TokenResponse } from '../api';

export const HANDOVER_KEY = 'kiorex.session-handover';

/** A token is taken over only with at least this much life left (otherwise the page refreshes instead). */
export const MIN_REMAINING_MS = 60_000;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What is handed over: the session without its refresh token (that stays in its httpOnly cookie). */
interface Handover {
  session: Omit<TokenResponse, 'refresh_token'>;
  expiresAt: number; // ms since the epoch
}

export function saveHandover(store: KeyValueStore, session: TokenResponse, expiresAt: number): void {
  const { refresh_token: _never, ...rest } = session;
  try {
    store.setItem(HANDOVER_KEY, JSON.stringify({ session: rest, expiresAt } satisfies Handover));
  } catch {
    // Storage full or disabled: the next page refreshes instead.
  }
}

export function clearHandover(store: KeyValueStore): void {
  try {
    store.removeItem(HANDOVER_KEY);
  } catch {
    // Nothing to clear.
  }
}

/**
 * Takes the handed-over session out of `store` (it is removed whatever it holds). Null when there is none, it
 * is malformed, or it has less than MIN_REMAINING_MS left; `expires_in` of the answer is the time left.
 */
export function takeHandover(store: KeyValueStore, now: number): TokenResponse | null {
  let raw: string | null;
  try {
    raw = store.getItem(HANDOVER_KEY);
    store.removeItem(HANDOVER_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  let h: unknown;
  try {
    h = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof h !== 'object' || h === null) return null;
  const { session, expiresAt } = h as Partial<Handover>;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || expiresAt - now < MIN_REMAINING_MS) return null;
  if (typeof session !== 'object' || session === null || typeof session.access_token !== 'string') return null;
  if (typeof session.user !== 'object' || session.user === null || typeof session.user.id !== 'string') return null;
  return { ...session, expires_in: Math.floor((expiresAt - now) / 1000) };
}
