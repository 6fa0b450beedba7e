import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as api from './api';
import type { TokenResponse, User } from './api';
import { isTransientRefreshFailure, refreshRetryDelayMs } from './api/refreshRetry';
import { ReconnectingNotice } from './components/ReconnectingNotice';

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut';

interface AuthContextValue {
  status: AuthStatus;
  user: User | null;
  /** An administrator signed in without an authenticator: the session only reaches MFA enrolment. */
  mfaSetupRequired: boolean;
  /** Set while refreshing the session keeps failing for a passing reason: when the next try is due. */
  reconnectingAt: number | null;
  /** Re-reads the signed-in user (after a change such as enabling MFA). */
  reloadUser: () => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Keeps the person signed in: takes over the session a reload handed over (no refresh), or restores it from
 * the refresh cookie; refreshes shortly before the access token expires. A refresh answered 429, 5xx or not at
 * all keeps the session: it is retried with backoff while a notice says "Reconnecting…". Only the server
 * saying the session is over (401) signs the person out.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [mfaSetupRequired, setMfaSetupRequired] = useState(false);
  const [reconnectingAt, setReconnectingAt] = useState<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const failures = useRef(0);
  const refreshNowRef = useRef<() => void>(() => {});

  useEffect(() => {
    const schedule = (ms: number) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => refreshNowRef.current(), ms);
    };
    const retryLater = (err: unknown) => {
      failures.current += 1;
      const delay = refreshRetryDelayMs(failures.current, err instanceof api.ApiError ? err.retryAfterSeconds : undefined);
      setReconnectingAt(Date.now() + delay);
      schedule(delay);
    };
    refreshNowRef.current = () => {
      window.clearTimeout(timer.current);
      // Success and a lost session arrive through onSessionChange; a passing failure through onRefreshFailure.
      api.refreshSession().catch((err: unknown) => {
        if (!isTransientRefreshFailure(err)) setStatus((s) => (s === 'loading' ? 'signedOut' : s));
      });
    };

    const apply = (session: TokenResponse | null) => {
      failures.current = 0;
      setReconnectingAt(null);
      if (session) {
        setUser(session.user);
        setStatus('signedIn');
        setMfaSetupRequired(session.mfa_setup_required === true);
        // An enrolment-only session has no refresh cookie: nothing to refresh.
        if (session.mfa_setup_required) window.clearTimeout(timer.current);
        else schedule(api.refreshDelayMs(session.expires_in));
      } else {
        window.clearTimeout(timer.current);
        setMfaSetupRequired(false);
        setUser(null);
        setStatus('signedOut');
      }
    };

    const unsubscribe = api.onSessionChange(apply);
    // Every passing failure of a refresh, also one started by an API call's 401, starts the backoff.
    const unsubscribeFailures = api.onRefreshFailure(retryLater);

    const handedOver = api.currentSession();
    if (handedOver) apply(handedOver); // a reload: the token of the page before, no refresh needed
    else refreshNowRef.current(); // a new tab: restore the session from the refresh cookie

    return () => {
      unsubscribe();
      unsubscribeFailures();
      window.clearTimeout(timer.current);
    };
  }, []);

  const retryNow = useCallback(() => refreshNowRef.current(), []);

  const reloadUser = useCallback(async () => {
    setUser(await api.getMe());
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session is forgotten locally either way.
    }
  }, []);

  const value = useMemo(
    () => ({ status, user, mfaSetupRequired, reconnectingAt, reloadUser, signOut }),
    [status, user, mfaSetupRequired, reconnectingAt, reloadUser, signOut],
  );
  return (
    <AuthContext.Provider value={value}>
      {reconnectingAt !== null && <ReconnectingNotice retryAt={reconnectingAt} onRetryNow={retryNow} />}
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
