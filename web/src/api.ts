// Every call the web app makes to the Kiorex API lives here.
//
// The access token is kept in memory only (this module); the refresh token never reaches JavaScript:
// the server keeps it in the httpOnly cookie `kiorex_refresh` (Path=/v1/auth) and the browser proves the
// request is its own with the double-submit header `X-CSRF-Token` = readable cookie `kiorex_csrf`.
// Across a reload of the tab the token is handed from one page to the next (api/sessionHandover.ts), so a
// reload does not cost a refresh; a refresh that fails for a passing reason (429, network) keeps the session.

import { clearHandover, saveHandover, takeHandover } from './api/sessionHandover';
import type { ApiUser, JsonRequest } from './api/types';

/** The roles the server knows (from its OpenAPI document, see api/schema.d.ts). */
export type Role = ApiUser['role'];

export interface User {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: Role | string;
  status: string;
  email_verified: boolean;
  phone_verified: boolean;
  mfa_enabled: boolean;
  provider_verification?: 'pending' | 'verified' | 'rejected' | null;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  /** Set for an administrator without an authenticator: the token only reaches MFA enrolment (no refresh cookie). */
  mfa_setup_required?: boolean;
  user: User;
}

export interface MfaChallenge {
  mfa_required: true;
  mfa_token: string;
}

export type LoginResult = TokenResponse | MfaChallenge;

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as the API sends them (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  request_id?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  /** From the answer's Retry-After header (seconds), when it had one: when asking again may succeed. */
  readonly retryAfterSeconds?: number;
  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problemMessage(problem));
    this.name = 'ApiError';
    this.problem = problem;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface Meta {
  demo: boolean;
  version?: string;
}

export interface TotpSetup {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export interface OutboxItem {
  id: string | number;
  channel: string;
  to: string;
  subject?: string | null;
  text: string;
  created_at: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers (unit-tested in api.test.ts)

const GENERIC_TITLES: Record<number, string> = {
  0: "We couldn't reach Kiorex. Check your connection and try again.",
  400: 'The request was not valid.',
  401: 'Please sign in again.',
  403: "You don't have access to this.",
  404: 'Not found.',
  409: 'That conflicts with something that already exists.',
  422: 'Please check the highlighted fields.',
  429: 'Too many attempts. Please wait a moment and try again.',
  500: 'Something went wrong on our side. Please try again.',
  502: 'Kiorex is temporarily unavailable. Please try again.',
  503: 'Kiorex is temporarily unavailable. Please try again.',
};

function genericTitle(status: number): string {
  return GENERIC_TITLES[status] ?? (status >= 500 ? GENERIC_TITLES[500]! : `Request failed (${status}).`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/**
 * Turns whatever an error response carried into a Problem. `body` is the parsed JSON (or the raw text, or
 * undefined). Never throws: a proxy's HTML error page or an empty body still gives a readable message.
 */
export function parseProblem(status: number, body: unknown, statusText = ''): Problem {
  if (isRecord(body)) {
    const errors: FieldError[] = Array.isArray(body.errors)
      ? body.errors.flatMap((e): FieldError[] => {
          if (!isRecord(e)) return [];
          const message = nonEmptyString(e.message) ?? nonEmptyString(e.detail);
          if (!message) return [];
          const field = nonEmptyString(e.field) ?? nonEmptyString(e.pointer)?.replace(/^\/+/, '') ?? '';
          return [{ field, message }];
        })
      : [];
    const problem: Problem = {
      type: nonEmptyString(body.type) ?? 'about:blank',
      title: nonEmptyString(body.title) ?? nonEmptyString(statusText) ?? genericTitle(status),
      status: typeof body.status === 'number' ? body.status : status,
    };
    const detail = nonEmptyString(body.detail) ?? nonEmptyString(body.message) ?? nonEmptyString(body.error);
    if (detail) problem.detail = detail;
    const requestId = nonEmptyString(body.request_id);
    if (requestId) problem.request_id = requestId;
    if (errors.length > 0) problem.errors = errors;
    return problem;
  }
  return { type: 'about:blank', title: genericTitle(status), status };
}

/** The one sentence to show a person for a problem. */
export function problemMessage(p: Problem): string {
  return p.detail ?? p.title ?? genericTitle(p.status);
}

/** First message per field, for showing beside inputs. Errors without a field are left out. */
export function fieldErrorMap(p: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of p?.errors ?? []) {
    if (e.field && !(e.field in out)) out[e.field] = e.message;
  }
  return out;
}

/** Field errors whose field is not one of `shown` (so the page can list them in its summary). */
export function otherFieldErrors(p: Problem | null | undefined, shown: readonly string[]): FieldError[] {
  return (p?.errors ?? []).filter((e) => !e.field || !shown.includes(e.field));
}

/**
 * The API's field messages are either sentences ("Password must be at least 10 characters long.") or fragments
 * that follow the field's name ("is required"). Fragments get the field's label in front.
 */
export function humanizeFieldMessage(label: string, message: string): string {
  const m = message.trim();
  if (m === '' || !/^[a-z]/.test(m)) return m;
  const name = label.replace(/_/g, ' ').replace(/\s*\(optional\)\s*$/i, '').trim();
  const sentence = name ? `${name} ${m}` : m;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export function isUnverifiedProblem(p: Problem | null | undefined): boolean {
  return !!p && p.status === 403 && /(^|[/#:])unverified$/.test(p.type);
}

/** Value of cookie `name` in a `document.cookie` string, or null. */
export function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/** Retry-After in seconds (the delta-seconds form; an HTTP date is turned into seconds from `now`), or undefined. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** When to refresh an access token that lives `expiresIn` seconds: shortly before it runs out. */
export function refreshDelayMs(expiresIn: number): number {
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) return 60_000;
  const margin = Math.min(60, Math.max(5, expiresIn * 0.2));
  return Math.max(5, expiresIn - margin) * 1000;
}

export function isMfaChallenge(r: unknown): r is MfaChallenge {
  return isRecord(r) && r.mfa_required === true && typeof r.mfa_token === 'string';
}

export function isTokenResponse(r: unknown): r is TokenResponse {
  return isRecord(r) && typeof r.access_token === 'string' && isRecord(r.user);
}

/** Providers are the roles our team verifies before they can take bookings. */
export const PROVIDER_ROLES: readonly string[] = ['doctor', 'nurse', 'lab', 'pharmacy', 'hospital'];

export function isProvider(role: string): boolean {
  return PROVIDER_ROLES.includes(role);
}

// ---------------------------------------------------------------------------------------------------------------
// Session state (memory only; handed to the next page of this tab on reload)

type SessionListener = (session: TokenResponse | null) => void;

let session: TokenResponse | null = null;
let accessToken: string | null = null;
let expiresAt = 0; // ms since the epoch
const listeners = new Set<SessionListener>();

// A reload of this tab hands the session over instead of refreshing (see api/sessionHandover.ts).
if (typeof window !== 'undefined' && typeof sessionStorage !== 'undefined') {
  const handedOver = takeHandover(sessionStorage, Date.now());
  if (handedOver) remember(handedOver);
  window.addEventListener('pagehide', () => {
    if (session && accessToken) saveHandover(sessionStorage, session, expiresAt);
  });
  // Back from the back/forward cache: this page still has the token in memory, so nothing is handed over.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) clearHandover(sessionStorage);
  });
}

function remember(s: TokenResponse | null): void {
  session = s;
  accessToken = s?.access_token ?? null;
  expiresAt = s ? Date.now() + s.expires_in * 1000 : 0;
}

/** The session this page has (for instance one handed over by the page before a reload), or null. */
export function currentSession(): TokenResponse | null {
  return session;
}

/** Called with every new TokenResponse (sign-in, refresh) and with null on sign-out / lost session. */
export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function setSession(s: TokenResponse | null): void {
  remember(s);
  for (const l of listeners) l(s);
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** The current access token, for a WebSocket handshake (a browser cannot set its Authorization header). */
export function currentAccessToken(): string | null {
  return accessToken;
}

// ---------------------------------------------------------------------------------------------------------------
// Transport

export interface RequestOptions {
  body?: unknown;
  auth?: boolean;
  csrf?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `If-Match` for an optimistic-concurrency update. */
  headers?: Record<string, string>;
}

/** A parsed response body with the response headers (for `ETag`, `Content-Disposition`). */
export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

function csrfHeader(): Record<string, string> {
  const token = typeof document === 'undefined' ? null : readCookie(document.cookie, 'kiorex_csrf');
  return token ? { 'X-CSRF-Token': token } : {};
}

async function fetchOrProblem(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.auth && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (opts.csrf) Object.assign(headers, csrfHeader());
  if (opts.headers) Object.assign(headers, opts.headers);
  try {
    return await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(parseProblem(0, undefined));
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = res.status === 204 ? '' : await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const res = await fetchOrProblem(method, path, opts, 'application/json, application/problem+json');
  const data = await readBody(res);
  if (!res.ok) throw new ApiError(parseProblem(res.status, data, res.statusText), parseRetryAfter(res.headers.get('Retry-After')));
  return { data: data as T, headers: res.headers };
}

async function send<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  return (await request<T>(method, path, opts)).data;
}

/**
 * A 401 about what the person typed (a wrong one-time code, a wrong password), not about the session: a new
 * access token would not change the answer, so it is not a reason to refresh.
 */
export function isCredentialProblem(p: Problem): boolean {
  return p.status === 401 && /(^|[/#:])(invalid-otp|otp-locked|invalid-mfa-code|invalid-credentials)$/.test(p.type);
}

/** Runs `attempt` as an authenticated call; on a 401 for the session it refreshes once and tries again. */
async function withRefresh<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && !isCredentialProblem(err.problem) && (await refreshSession())) {
      return attempt();
    }
    throw err;
  }
}

/** An authenticated call; on 401 it refreshes the session once and tries again. */
async function authed<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  return withRefresh(() => send<T>(method, path, { ...opts, auth: true }));
}

/** An authenticated call that also returns the response headers (ETag and the like). */
export function authedRequest<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  return withRefresh(() => request<T>(method, path, { ...opts, auth: true }));
}

export interface Download {
  blob: Blob;
  /** From `Content-Disposition`, or null when the server named no file. */
  filename: string | null;
  contentType: string;
}

/** An authenticated GET of a file (export JSON/PDF): the body as a Blob, never parsed. */
export function authedDownload(path: string, accept = '*/*'): Promise<Download> {
  return withRefresh(async () => {
    const res = await fetchOrProblem('GET', path, { auth: true }, `${accept}, application/problem+json`);
    if (!res.ok) throw new ApiError(parseProblem(res.status, await readBody(res), res.statusText));
    return {
      blob: await res.blob(),
      filename: filenameFromDisposition(res.headers.get('Content-Disposition')),
      contentType: res.headers.get('Content-Type') ?? 'application/octet-stream',
    };
  });
}

/**
 * The file name in a `Content-Disposition` header (`filename*=UTF-8''…` preferred over `filename="…"`), reduced
 * to a safe base name. Null when there is none.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  let name: string | null = null;
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (star?.[1]) {
    const v = star[1].trim().replace(/^"(.*)"$/, '$1');
    const quote = v.indexOf("''");
    const encoded = quote >= 0 ? v.slice(quote + 2) : v;
    try {
      name = decodeURIComponent(encoded);
    } catch {
      name = encoded;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]+)/i.exec(header);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : (plain[1] ?? null);
  }
  if (!name) return null;
  const base = name.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f"<>:|?*]/g, '').trim() ?? '';
  return base === '' || base === '.' || base === '..' ? null : base;
}

/**
 * Forgets the session in this tab without calling the API (the server already ended it, e.g. after the
 * account was erased). The refresh cookie, if any, no longer works either.
 */
export function forgetSession(): void {
  setSession(null);
}

function acceptTokens<T extends LoginResult>(r: T): T {
  if (isTokenResponse(r)) setSession(r);
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Endpoints

export function getMeta(signal?: AbortSignal): Promise<Meta> {
  return send<Meta>('GET', '/v1/meta', { signal });
}

export interface RegisterInput {
  name: string;
  email?: string;
  phone?: string;
  password: string;
  role?: string;
}

export function register(input: RegisterInput): Promise<{ status: string; channel?: string }> {
  return send('POST', '/v1/auth/register', { body: input });
}

export type OtpPurpose = 'verify_contact' | 'login';

export async function verifyOtp(
  identifier: string,
  code: string,
  purpose: OtpPurpose,
  rememberDevice = false,
): Promise<LoginResult> {
  return acceptTokens(
    await send<LoginResult>('POST', '/v1/auth/verify-otp', {
      body: { identifier, code, purpose, remember_device: rememberDevice },
    }),
  );
}

export function requestOtp(identifier: string, purpose: OtpPurpose): Promise<unknown> {
  return send('POST', '/v1/auth/otp/request', { body: { identifier, purpose } });
}

export async function login(identifier: string, password: string, rememberDevice: boolean): Promise<LoginResult> {
  return acceptTokens(
    await send<LoginResult>('POST', '/v1/auth/login', {
      body: { identifier, password, remember_device: rememberDevice },
    }),
  );
}

export async function loginMfa(mfaToken: string, code: string): Promise<TokenResponse> {
  const r = await send<TokenResponse>('POST', '/v1/auth/login/mfa', { body: { mfa_token: mfaToken, code } });
  setSession(r);
  return r;
}

export function forgotPassword(identifier: string): Promise<unknown> {
  return send('POST', '/v1/auth/forgot-password', { body: { identifier } });
}

export function resetPassword(identifier: string, code: string, newPassword: string): Promise<{ status: string }> {
  return send('POST', '/v1/auth/reset-password', { body: { identifier, code, new_password: newPassword } });
}

let refreshing: Promise<TokenResponse | null> | null = null;

type RefreshFailureListener = (err: unknown) => void;
const refreshFailureListeners = new Set<RefreshFailureListener>();

/**
 * Called when a refresh failed for a passing reason (429, network error, 5xx): the session is kept, and the
 * listener (auth.tsx) retries with backoff and says so.
 */
export function onRefreshFailure(listener: RefreshFailureListener): () => void {
  refreshFailureListeners.add(listener);
  return () => {
    refreshFailureListeners.delete(listener);
  };
}

/** A refresh answer that means the session cannot be restored (asking again would get the same answer). */
function sessionIsOver(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  const s = err.status;
  return s === 401 || (s >= 400 && s < 500 && s !== 408 && s !== 429);
}

const REFRESH_BODY: JsonRequest<'/v1/auth/refresh', 'post'> = {}; // the refresh token travels in its cookie

/**
 * Restores or extends the session from the refresh cookie. Concurrent callers share one request: the refresh
 * token rotates, and presenting the same one twice would look like reuse and end the session.
 * Resolves to null when there is no session (the caller is signed out: a 401, or a request the server can never
 * accept). Rejects, keeping the session, when the refresh failed for a passing reason (429 with its
 * `retryAfterSeconds`, network error, 5xx).
 */
export function refreshSession(): Promise<TokenResponse | null> {
  // The CSRF cookie lives as long as the refresh cookie: without it there is no session to restore (and the
  // server would refuse the request anyway), so don't spend a rate-limited call on it.
  if (!refreshing && !readCookie(typeof document === 'undefined' ? '' : document.cookie, 'kiorex_csrf')) {
    setSession(null);
    return Promise.resolve(null);
  }
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const r = await send<TokenResponse>('POST', '/v1/auth/refresh', { body: REFRESH_BODY, csrf: true });
        setSession(r);
        return r;
      } catch (err) {
        if (sessionIsOver(err)) {
          setSession(null);
          return null;
        }
        for (const l of refreshFailureListeners) l(err);
        throw err;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

export async function logout(): Promise<void> {
  try {
    await authed<void>('POST', '/v1/auth/logout', { body: {}, csrf: true });
  } finally {
    setSession(null);
  }
}

export async function getMe(): Promise<User> {
  const u = await authed<User>('GET', '/v1/auth/me');
  // Keep what is handed over on reload up to date (a changed name, MFA just enabled).
  if (session && session.user.id === u.id) session = { ...session, user: u };
  return u;
}

export function totpSetup(): Promise<TotpSetup> {
  return authed<TotpSetup>('POST', '/v1/auth/mfa/totp/setup', { body: {} });
}

export function totpConfirm(code: string): Promise<{ recovery_codes: string[] }> {
  return authed('POST', '/v1/auth/mfa/totp/confirm', { body: { code } });
}

export function devOutbox(params: { to?: string; limit?: number } = {}): Promise<{ items: OutboxItem[] }> {
  const q = new URLSearchParams();
  if (params.to) q.set('to', params.to);
  if (params.limit) q.set('limit', String(params.limit));
  const qs = q.toString();
  return authed('GET', `/v1/admin/dev-outbox${qs ? `?${qs}` : ''}`);
}

/** One dev-mailbox message as stored, code included (the list masks codes; the server audits each opening). */
export function devOutboxMessage(id: string | number): Promise<OutboxItem> {
  return authed('GET', `/v1/admin/dev-outbox/${encodeURIComponent(String(id))}`);
}

/** Any thrown value as a Problem, for showing on a form. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  return {
    type: 'about:blank',
    title: 'Something went wrong. Please try again.',
    status: 0,
    detail: err instanceof Error && err.message ? err.message : undefined,
  };
}
