import { describe, expect, it } from 'vitest';
import {
  ApiError,
  fieldErrorMap,
  isMfaChallenge,
  isUnverifiedProblem,
  otherFieldErrors,
  parseProblem,
  problemMessage,
  readCookie,
  refreshDelayMs,
  humanizeFieldMessage,
  toProblem,
} from './api';

describe('parseProblem', () => {
  it('keeps a problem+json body, with its field errors', () => {
    const p = parseProblem(422, {
      type: 'https://kiorex.dev/problems/validation',
      title: 'Validation failed',
      status: 422,
      detail: 'Some fields are not valid.',
      request_id: 'req_1',
      errors: [
        { field: 'password', message: 'Use at least 10 characters.' },
        { field: 'email', message: 'Not an email address.' },
        { field: 'password', message: 'Too common.' },
        'junk',
        { field: 'name' },
      ],
    });
    expect(p.status).toBe(422);
    expect(p.request_id).toBe('req_1');
    expect(problemMessage(p)).toBe('Some fields are not valid.');
    expect(fieldErrorMap(p)).toEqual({ password: 'Use at least 10 characters.', email: 'Not an email address.' });
    expect(otherFieldErrors(p, ['password'])).toEqual([{ field: 'email', message: 'Not an email address.' }]);
  });

  it('falls back to the title, then to a generic sentence', () => {
    expect(problemMessage(parseProblem(401, { title: 'Invalid credentials', status: 401 }))).toBe('Invalid credentials');
    expect(problemMessage(parseProblem(429, '<html>busy</html>'))).toMatch(/Too many attempts/);
    expect(problemMessage(parseProblem(503, undefined))).toMatch(/temporarily unavailable/);
    expect(problemMessage(parseProblem(0, undefined))).toMatch(/couldn't reach/);
    expect(parseProblem(418, {}).type).toBe('about:blank');
  });

  it('recognises the unverified-contact problem', () => {
    expect(isUnverifiedProblem(parseProblem(403, { type: 'https://kiorex.dev/problems/unverified', title: 'x' }))).toBe(true);
    expect(isUnverifiedProblem(parseProblem(403, { type: 'https://kiorex.dev/problems/forbidden', title: 'x' }))).toBe(false);
    expect(isUnverifiedProblem(parseProblem(401, { type: 'https://kiorex.dev/problems/unverified' }))).toBe(false);
  });

  it('turns thrown values into problems', () => {
    const err = new ApiError(parseProblem(401, { detail: 'Wrong email or password.' }));
    expect(err.message).toBe('Wrong email or password.');
    expect(toProblem(err).status).toBe(401);
    expect(toProblem(new Error('boom')).detail).toBe('boom');
  });
});

describe('helpers', () => {
  it('reads a cookie by exact name', () => {
    const jar = 'kiorex_csrf_old=1; kiorex_csrf=abc%3D%3D; other=x';
    expect(readCookie(jar, 'kiorex_csrf')).toBe('abc==');
    expect(readCookie(jar, 'missing')).toBeNull();
    expect(readCookie('', 'kiorex_csrf')).toBeNull();
  });

  it('refreshes shortly before expiry', () => {
    expect(refreshDelayMs(900)).toBe(840_000);
    expect(refreshDelayMs(60)).toBe(48_000);
    expect(refreshDelayMs(3)).toBe(5_000);
    expect(refreshDelayMs(Number.NaN)).toBe(60_000);
  });

  it('tells an MFA challenge from tokens', () => {
    expect(isMfaChallenge({ mfa_required: true, mfa_token: 't' })).toBe(true);
    expect(isMfaChallenge({ access_token: 'a', user: {} })).toBe(false);
  });
});

describe('humanizeFieldMessage', () => {
  it('puts the label before a fragment and leaves sentences alone', () => {
    expect(humanizeFieldMessage('Code', 'must be 6 digits')).toBe('Code must be 6 digits');
    expect(humanizeFieldMessage('new_password', 'is required')).toBe('New password is required');
    expect(humanizeFieldMessage('Phone (optional)', 'must be in +E.164 form')).toBe('Phone must be in +E.164 form');
    expect(humanizeFieldMessage('Password', 'Password must be at least 10 characters long.')).toBe(
      'Password must be at least 10 characters long.',
    );
  });
});
