// Small helpers shared by the User service suites (tests/api/users-*.test.mjs).
import { randomBytes } from 'node:crypto';

/** A distinctive value (also usable as an X-Request-Id) so a test can find its own effects. */
export const rid = (p) => `${p}-${randomBytes(6).toString('hex')}`;
export const ifMatch = (v) => ({ 'if-match': `"${v}"` });
/** Headers of a break-glass read: the stated reason, and optionally our own request id to find it in the log. */
export const reason = (why, requestId) => ({ 'x-access-reason': why, ...(requestId ? { 'x-request-id': requestId } : {}) });
/** The field names listed in a 422 problem. */
export const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);
/** Whether a 422 names `field` (or a part of it, or an object containing it). */
export const names = (res, field) =>
  fieldsOf(res).some((f) => f === field || f.startsWith(`${field}.`) || field.startsWith(`${f}.`));
