// The admin's home: the work queues with their counts (provider verification by status) and the admin tools.
import { Link } from 'react-router-dom';
import { useLoader } from '../account';
import { getProviderCounts, type ProviderCounts } from './dashboardApi';
import { DashSection } from './Section';

const COUNTS: { key: keyof ProviderCounts; label: string }[] = [
  { key: 'pending', label: 'Waiting for review' },
  { key: 'rejected', label: 'Sent back' },
  { key: 'verified', label: 'Verified' },
  { key: 'draft', label: 'Not submitted yet' },
];

export function AdminHome() {
  const counts = useLoader((signal) => getProviderCounts(signal), []);
  const pending = counts.data?.pending ?? 0;
  return (
    <>
      <DashSection id="provider-queue" title="Provider verification" allTo="/admin/providers" allLabel="Open the queue" loading={counts.loading && !counts.data} problem={counts.problem} what="the provider queue">
        <dl className="counts" aria-label="Providers by status">
          {COUNTS.map((c) => (
            <div key={c.key}>
              <dt>{c.label}</dt>
              <dd data-testid={`count-${c.key}`}>{counts.data?.[c.key] ?? 0}</dd>
            </div>
          ))}
        </dl>
        <p>
          {pending === 0 ? (
            'Nobody is waiting for verification.'
          ) : (
            <Link className="button button--primary" to="/admin/providers">
              Review {pending} waiting provider{pending === 1 ? '' : 's'}
            </Link>
          )}
        </p>
      </DashSection>
      <section className="panel" aria-labelledby="tools-heading">
        <h2 id="tools-heading">Tools</h2>
        <p>
          <Link to="/admin/dev-mailbox">Open the developer mailbox</Link> to read the emails and text messages this server would have sent.
        </p>
      </section>
    </>
  );
}
