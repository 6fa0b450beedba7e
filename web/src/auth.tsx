import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as api from './api';
import type { User } from './api';

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut';

interface AuthContextValue {
  status: AuthStatus;
  user: User | null;
  /** An administrator signed in without an authenticator: the session only reaches MFA enrolment. */
  mfaSetupRequired: boolean;
  /** Re-reads the signed-in user (after a change such as enabling MFA). */
  reloadUser: () => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [mfaSetupRequired, setMfaSetupRequired] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const schedule = (ms: number) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        api.refreshSession().catch(() => schedule(30_000)); // server unreachable: try again soon
      }, ms);
    };

    const unsubscribe = api.onSessionChange((session) => {
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
    });

    // Restore the session from the refresh cookie on page load.
    if (!api.hasAccessToken()) {
      api.refreshSession().catch(() => setStatus((s) => (s === 'loading' ? 'signedOut' : s)));
    } else {
      api
        .getMe()
        .then((u) => {
          setUser(u);
          setStatus('signedIn');
        })
        .catch(() => setStatus('signedOut'));
    }

    return () => {
      unsubscribe();
      window.clearTimeout(timer.current);
    };
  }, []);

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
    () => ({ status, user, mfaSetupRequired, reloadUser, signOut }),
    [status, user, mfaSetupRequired, reloadUser, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
