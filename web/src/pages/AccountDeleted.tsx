import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { forgetSession, hasAccessToken } from '../api';
import { AuthCard } from '../components/ui';

interface Kept {
  what: string;
  why: string;
}

function keptList(state: unknown): Kept[] | null {
  const kept = (state as { kept?: unknown } | null)?.kept;
  if (!Array.isArray(kept)) return null;
  return kept.flatMap((k): Kept[] => {
    if (typeof k === 'string') return [{ what: k, why: '' }];
    if (k && typeof k === 'object' && typeof (k as Kept).what === 'string') {
      return [{ what: (k as Kept).what, why: typeof (k as Kept).why === 'string' ? (k as Kept).why : '' }];
    }
    return [];
  });
}

/** Shown after "Delete my account": what was kept and why. The person is signed out. */
export default function AccountDeleted() {
  const location = useLocation();
  const kept = keptList(location.state);

  useEffect(() => {
    if (hasAccessToken()) forgetSession();
  }, []);

  return (
    <AuthCard
      title="Your account has been deleted"
      subtitle="You have been signed out on every device. Your health records can no longer be read by anyone."
      footer={
        <p>
          <Link to="/signup">Create a new account</Link>
        </p>
      }
    >
      {kept ? (
        kept.length > 0 ? (
          <section aria-labelledby="kept-heading" className="kept">
            <h2 id="kept-heading">What we kept, and why</h2>
            <ul data-testid="kept">
              {kept.map((k, i) => (
                <li key={i}>
                  <strong>{k.what.charAt(0).toUpperCase() + k.what.slice(1)}</strong>
                  {k.why ? <span className="muted"> — {k.why}</span> : null}
                </li>
              ))}
            </ul>
            <p className="muted">These records no longer carry your name, email or phone number.</p>
          </section>
        ) : (
          <p>Nothing was kept.</p>
        )
      ) : null}
      <Link className="button button--secondary" to="/signin">
        Go to sign in
      </Link>
    </AuthCard>
  );
}
