// When to try again after a refresh that failed for a reason that passes (429, a network error, a 5xx).
// A person is signed out only when the server says the session is over (401); everything else keeps the
// session and retries: 2 s, 4 s, 8 s ... up to a minute, never sooner than the server's Retry-After.
import { ApiError } from '../api';

export const FIRST_RETRY_MS = 2_000;
export const MAX_BACKOFF_MS = 60_000;
/** A Retry-After is honoured up to the length of the server's refresh window (15 minutes). */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** Whether a failed refresh is worth retrying (the session may well be fine), rather than a lost session. */
export function isTransientRefreshFailure(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true; // fetch itself failed, or the answer could not be read
  const s = err.status;
  return s === 0 || s === 408 || s === 429 || s >= 500;
}

/**
 * Delay before retry number `attempt` (1, 2, ...): exponential with ±20 % jitter (so the tabs and people behind
 * one address do not retry in step), at least `retryAfterSeconds` when the server sent one.
 */
export function refreshRetryDelayMs(attempt: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(Number.isFinite(attempt) ? attempt : 1));
  const backoff = Math.min(MAX_BACKOFF_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 30));
  const jittered = Math.round(backoff * (0.8 + 0.4 * random()));
  const serverSays =
    retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
      ? Math.min(MAX_RETRY_AFTER_MS, retryAfterSeconds * 1000)
      : 0;
  return Math.max(jittered, serverSays);
}
