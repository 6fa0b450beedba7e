import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { forgetSession, hasAccessToken } from '../api';
import { AuthCard } from '../components/ui';

interface Kept {
  what: string;
  why: string;
}

/** The answer's `kept` (or `erased`) list from the navigation state; null when the page was opened directly. */
function keptList(state: unknown, member: 'kept' | 'erased' = 'kept'): Kept[] | null {
  const kept = (state as Record<string, unknown> | null)?.[member];
  if (!Array.isArray(kept)) return null;
  return kept.flatMap((k): Kept[] => {
    if (typeof k === 'string') return [{ what: k, why: '' }];
    if (k && typeof k === 'object' && typeof (k as Kept).what === 'string') {
      return [{ what: (k as Kept).what, why: typeof (k as Kept).why === 'string' ? (k as Kept).why : '' }];
    }
    return [];
  });
}

function Items({ items, testId }: { items: Kept[]; testId: string }) {
  return (
    <ul data-testid={testId}>
      {items.map((k, i) => (
        <li key={i}>
          <strong>{k.what.charAt(0).toUpperCase() + k.what.slice(1)}</strong>
          {k.why ? <span className="muted"> — {k.why}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Shown after "Delete my account": what was kept and why. The person is signed out. */
export default function AccountDeleted() {
  const location = useLocation();
  const kept = keptList(location.state);
  // Besides the person's own account: dependents erased with it.
  const alsoErased = (keptList(location.state, 'erased') ?? []).filter((e) => e.what !== 'your account');

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
      {alsoErased.length > 0 ? (
        <section aria-labelledby="erased-heading" className="kept">
          <h2 id="erased-heading">Also deleted</h2>
          <Items items={alsoErased} testId="also-erased" />
        </section>
      ) : null}
      {kept ? (
        kept.length > 0 ? (
          <section aria-labelledby="kept-heading" className="kept">
            <h2 id="kept-heading">What we kept, and why</h2>
            <Items items={kept} testId="kept" />
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
