// The admin's provider verification queue: doctors waiting for review (oldest first) with what a reviewer needs
// to decide (registration, qualifications, specialties; the full profile with clinics on demand), approve after a
// confirmation or reject with a reason; the other statuses for reference.
import { useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../api';
import { AppHeader, LoadProblem, PanelHead, useLoader } from '../components/account';
import { Loading, LoadMore, useLoadMore } from '../components/pageParts';
import { Notice, ProblemAlert, TextAreaField } from '../components/ui';
import '../practice.css';
import '../components/dashboard/dashboard.css';
import { ProviderPreview, qualificationText } from '../components/dashboard/ProviderPreview';
import { statusInfo, validateReason, type ProviderQueueItem, type VerifyDecision } from '../practice';
import { listProviders, listSpecialties, verifyProvider } from '../practiceApi';
import { appendPage, fieldErrors, formatDateTime, nextCursor, validationProblem } from '../users';

const STATUSES = ['pending', 'verified', 'rejected', 'draft'] as const;

export default function ProviderQueue() {
  const [status, setStatus] = useState<string>('pending');
  const [notice, setNotice] = useState<string | null>(null);
  // The list remembers which status it holds, so a list of the previous tab is never shown under a new one.
  const queue = useLoader(async (signal) => ({ status, ...(await listProviders({ status, limit: 100 }, signal)) }), [status]);
  const specialties = useLoader((signal) => listSpecialties(signal), []);
  const names = new Map((specialties.data?.items ?? []).map((s) => [s.id, s.name]));
  const shown = queue.data?.status === status ? queue.data : null;
  const items = shown?.items ?? [];
  const cursor = nextCursor(shown);

  const decided = (item: ProviderQueueItem, d: VerifyDecision) => {
    setNotice(d.status === 'verified' ? `${item.name} is verified and can now be found and booked.` : `${item.name} was rejected; they have been told why.`);
    queue.setData((q) => (q ? { ...q, items: q.items.filter((x) => x.user_id !== item.user_id) } : q));
  };

  const { more, problem: moreProblem, loadMore } = useLoadMore(
    cursor
      ? async () => {
          const page = await listProviders({ status, limit: 100, cursor });
          queue.setData((q) => ({ status, items: appendPage(q?.items ?? [], page.items ?? [], (x) => x.user_id), next_cursor: page.next_cursor ?? null }));
        }
      : null,
  );

  return (
    <>
      <AppHeader />
      <main className="page page--wide">
        <section className="panel" aria-labelledby="providers-heading">
          <PanelHead id="providers-heading" level={1} title="Provider verification" />
          <p className="muted">
            Check each doctor's registration with the issuing council before approving. Only verified doctors appear in search and can be booked.
          </p>
          <div className="chips" role="group" aria-label="Show providers with status">
            {STATUSES.map((s) => (
              <button
                key={s}
                type="button"
                className="chip"
                aria-pressed={status === s}
                onClick={() => {
                  setStatus(s);
                  setNotice(null);
                }}
              >
                {statusInfo(s).label}
              </button>
            ))}
          </div>
          {notice ? <Notice tone="success">{notice}</Notice> : null}
          <LoadProblem problem={queue.problem} what="the provider queue" />
          <Loading show={queue.loading && !shown} />
          {shown && items.length === 0 ? (
            <p className="empty" data-testid="providers-empty" data-status={status}>
              {status === 'pending' ? 'Nobody is waiting for verification.' : `No ${statusInfo(status).label.toLowerCase()} providers.`}
            </p>
          ) : null}
          {items.length > 0 ? (
            <ul className="cards" aria-label="Providers" data-status={status}>
              {items.map((item) => (
                <ProviderItem key={item.user_id} item={item} specialtyNames={names} onDecided={(d) => decided(item, d)} />
              ))}
            </ul>
          ) : null}
          <LoadMore show={!!cursor} more={more} problem={moreProblem} onClick={loadMore} />
        </section>
      </main>
    </>
  );
}

function ProviderItem({
  item,
  specialtyNames,
  onDecided,
}: {
  item: ProviderQueueItem;
  specialtyNames: Map<string, string>;
  onDecided: (d: VerifyDecision) => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [showProfile, setShowProfile] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setProblem(null);
    try {
      onDecided(await verifyProvider(item.user_id, decision, decision === 'reject' ? reason : undefined));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const submitReject = (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateReason(reason));
    setProblem(invalid);
    if (!invalid) void decide('reject');
  };

  return (
    <li className="card-item" data-testid="provider" data-user-id={item.user_id} aria-label={item.name}>
      <div className="card-item__head">
        <p className="card-item__title">{item.name}</p>
        <span className="badge badge--muted">{statusInfo(item.status).label}</span>
      </div>
      <dl className="facts facts--compact">
        <div>
          <dt>Email</dt>
          <dd className="break">{item.email ?? '—'}</dd>
        </div>
        <div>
          <dt>Registration</dt>
          <dd data-testid="provider-registration">{item.registration ? `${item.registration.number} · ${item.registration.council}` : '—'}</dd>
        </div>
        <div>
          <dt>Specialties</dt>
          <dd>{item.specialties.map((s) => specialtyNames.get(s) ?? s).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{item.submitted_at ? formatDateTime(item.submitted_at) : '—'}</dd>
        </div>
        <div className="facts__wide">
          <dt>Qualifications</dt>
          <dd data-testid="provider-qualifications">{(item.qualifications ?? []).map(qualificationText).join('; ') || '—'}</dd>
        </div>
        {item.rejection_reason ? (
          <div className="facts__wide">
            <dt>Reason given</dt>
            <dd>{item.rejection_reason}</dd>
          </div>
        ) : null}
      </dl>
      {approving ? null : (
        <button type="button" className="button button--link" aria-expanded={showProfile} onClick={() => setShowProfile((v) => !v)}>
          {showProfile ? 'Hide the full profile' : 'Show the full profile'}
        </button>
      )}
      {showProfile || approving ? <ProviderPreview id={item.user_id} specialtyNames={specialtyNames} /> : null}
      {problem && !errors.reason ? <ProblemAlert problem={problem} /> : null}
      {item.status === 'pending' && !rejecting && !approving ? (
        <div className="card-item__actions">
          <button type="button" className="button button--primary button--small" onClick={() => setApproving(true)} disabled={busy} aria-label={`Approve ${item.name}`}>
            Approve
          </button>
          <button type="button" className="button button--ghost-danger button--small" onClick={() => setRejecting(true)} disabled={busy} aria-label={`Reject ${item.name}`}>
            Reject
          </button>
        </div>
      ) : null}
      {approving ? (
        <div className="confirm" role="group" aria-label={`Confirm approval of ${item.name}`}>
          <p>
            Approve <strong>{item.name}</strong>? Check the registration number with the council first: once verified, they
            appear in search and patients can book and pay them.
          </p>
          <div className="row">
            <button type="button" className="button button--primary button--small" onClick={() => decide('approve')} disabled={busy}>
              {busy ? 'Saving…' : 'Yes, approve'}
            </button>
            <button type="button" className="button button--link" onClick={() => setApproving(false)} disabled={busy}>
              Back
            </button>
          </div>
        </div>
      ) : null}
      {rejecting ? (
        <form className="confirm" onSubmit={submitReject} noValidate aria-label={`Reject ${item.name}`}>
          <TextAreaField
            label="Reason (sent to the doctor)"
            name="reason"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
          />
          <div className="row">
            <button type="submit" className="button button--danger button--small" disabled={busy}>
              {busy ? 'Saving…' : 'Reject'}
            </button>
            <button type="button" className="button button--link" onClick={() => setRejecting(false)} disabled={busy}>
              Back
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
