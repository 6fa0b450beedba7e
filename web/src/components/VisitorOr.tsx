// A URL with two faces: signed-in people see `children`, visitors without an account see `visitor`
// (e.g. `/`: the home page or the landing page). Nothing is shown while the session is being restored.
import type { ReactNode } from 'react';
import { useAuth } from '../auth';

export function VisitorOr({ visitor, children }: { visitor: ReactNode; children: ReactNode }) {
  const { status } = useAuth();
  if (status === 'loading') {
    return (
      <main className="loading" aria-busy="true">
        <p role="status">Loading…</p>
      </main>
    );
  }
  return <>{status === 'signedIn' ? children : visitor}</>;
}
