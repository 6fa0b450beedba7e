import { describe, expect, it } from 'vitest';
import { ApiError, parseProblem } from '../api';
import { FIRST_RETRY_MS, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, isTransientRefreshFailure, refreshRetryDelayMs } from './refreshRetry';

const noJitter = () => 0.5;
const problem = (status: number) => new ApiError(parseProblem(status, undefined));

describe('isTransientRefreshFailure', () => {
  it('keeps the session on 429, network errors, timeouts and server errors', () => {
    for (const s of [0, 408, 429, 500, 502, 503]) expect(isTransientRefreshFailure(problem(s))).toBe(true);
    expect(isTransientRefreshFailure(new TypeError('Failed to fetch'))).toBe(true);
  });
  it('treats 401 and other refusals as a lost session', () => {
    for (const s of [400, 401, 403, 422]) expect(isTransientRefreshFailure(problem(s))).toBe(false);
  });
});

describe('refreshRetryDelayMs', () => {
  it('doubles from 2 s up to a minute', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => refreshRetryDelayMs(n, undefined, noJitter));
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(refreshRetryDelayMs(1_000_000, undefined, noJitter)).toBe(MAX_BACKOFF_MS);
  });
  it('spreads retries by ±20 %', () => {
    expect(refreshRetryDelayMs(1, undefined, () => 0)).toBe(FIRST_RETRY_MS * 0.8);
    expect(refreshRetryDelayMs(1, undefined, () => 1)).toBe(FIRST_RETRY_MS * 1.2);
  });
  it("never retries before the server's Retry-After, capped at 15 minutes", () => {
    expect(refreshRetryDelayMs(1, 30, noJitter)).toBe(30_000);
    expect(refreshRetryDelayMs(6, 1, noJitter)).toBe(60_000);
    expect(refreshRetryDelayMs(1, 86_400, noJitter)).toBe(MAX_RETRY_AFTER_MS);
  });
  it('copes with nonsense input', () => {
    expect(refreshRetryDelayMs(0, Number.NaN, noJitter)).toBe(2_000);
    expect(refreshRetryDelayMs(-3, -5, noJitter)).toBe(2_000);
    expect(refreshRetryDelayMs(Number.NaN, undefined, noJitter)).toBe(2_000);
  });
});
