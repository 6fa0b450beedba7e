// Who is signed in: name, contact addresses with their verified state, role and account status.
import type { ReactNode } from 'react';
import type { User } from '../../api';

function VerifiedBadge({ ok }: { ok: boolean }) {
  return <span className={`badge ${ok ? 'badge--ok' : 'badge--warn'}`}>{ok ? 'verified' : 'not verified'}</span>;
}

export function AccountCard({ user, children }: { user: User; children?: ReactNode }) {
  return (
    <section className="panel" aria-labelledby="account-heading">
      <h2 id="account-heading">Your account</h2>
      <dl className="facts">
        {user.email ? (
          <div>
            <dt>Email</dt>
            <dd data-testid="email" className="break">
              {user.email} <VerifiedBadge ok={user.email_verified} />
            </dd>
          </div>
        ) : null}
        {user.phone ? (
          <div>
            <dt>Phone</dt>
            <dd data-testid="phone">
              {user.phone} <VerifiedBadge ok={user.phone_verified} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Role</dt>
          <dd data-testid="role">{user.role}</dd>
        </div>
        <div>
          <dt>Account status</dt>
          <dd data-testid="status">{user.status}</dd>
        </div>
      </dl>
      {children}
    </section>
  );
}
