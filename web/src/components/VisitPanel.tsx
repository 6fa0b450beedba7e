// The head of the consultation workspace: the appointment, and start / join the call / end, cancel, no-show.
// With `callHere` the video call is in the workspace itself: no link to the call page (a second window would
// take the call over), and End consultation closes the call and the consultation in one confirmed action.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { canCancel, canMarkNoShow, canStart, formatDuration, formatMoney, minutesUntilStartable, type Booking } from '../practice';
import { endConsultation, markNoShow, startConsultation } from '../practiceApi';
import { formatDateTime } from '../users';
import { PanelHead } from './account';
import { BookingStatus, CancelForm, cancelledBy, formatDay, formatTime, typeLabel } from './practiceUi';
import { Notice, ProblemAlert } from './ui';

/** The shared call page; "Leave" brings the doctor back to this booking's workspace. */
export function callPath(bookingId: string): string {
  const id = encodeURIComponent(bookingId);
  return `/consultations/${id}/call?return=${encodeURIComponent(`/practice/appointments/${id}`)}`;
}

function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

export function VisitPanel({ booking, onChange, callHere = false }: { booking: Booking; onChange: (b: Booking) => void; callHere?: boolean }) {
  const [busy, setBusy] = useState<null | 'start' | 'end' | 'no-show'>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const b = booking;
  const now = useNow(30_000); // the start and no-show buttons appear on time
  const wait = minutesUntilStartable(b, now);

  const act = async (what: 'start' | 'end' | 'no-show', fn: () => Promise<Partial<Booking>>, message: string) => {
    setBusy(what);
    setProblem(null);
    setNotice(null);
    try {
      const patch = await fn();
      onChange({ ...b, ...patch });
      setNotice(message);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
      setConfirmEnd(false);
    }
  };

  const start = () =>
    act(
      'start',
      async () => {
        const r = await startConsultation(b.id);
        return { status: r.status || 'in_progress', started_at: r.started_at };
      },
      b.type === 'video'
        ? 'The consultation has started and your video call is open on this page; the patient can join now.'
        : 'The consultation has started.',
    );
  const end = () =>
    act(
      'end',
      async () => {
        const r = await endConsultation(b.id);
        return { status: r.status || 'completed', ended_at: r.ended_at, duration_seconds: r.duration_seconds };
      },
      b.type === 'video'
        ? 'The consultation and its video call have ended. You can still finish the notes and the prescription for 24 hours.'
        : 'The consultation has ended. You can still finish the notes and the prescription for 24 hours.',
    );
  const noShow = () => act('no-show', () => markNoShow(b.id), 'Marked as a no-show.');

  return (
    <section className="panel" aria-labelledby="visit-heading" data-testid="visit" data-status={b.status}>
      <PanelHead id="visit-heading" level={1} title={`Consultation with ${b.patient.name}`}>
        <BookingStatus status={b.status} />
      </PanelHead>
      <dl className="facts facts--compact">
        <div>
          <dt>When</dt>
          <dd>
            {formatDay(b.start)}, {formatTime(b.start)}–{formatTime(b.end)}
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>
            {typeLabel(b.type)}
            {b.location?.name ? ` · ${b.location.name}` : ''}
          </dd>
        </div>
        <div>
          <dt>Fee</dt>
          <dd>{b.follow_up_of ? 'Free follow-up' : b.fee ? formatMoney(b.fee) : '—'}</dd>
        </div>
        {b.started_at ? (
          <div>
            <dt>Started</dt>
            <dd>{formatDateTime(b.started_at)}</dd>
          </div>
        ) : null}
        {b.ended_at ? (
          <div>
            <dt>Ended</dt>
            <dd data-testid="visit-ended">
              {formatDateTime(b.ended_at)}
              {b.duration_seconds != null ? ` (${formatDuration(b.duration_seconds)})` : ''}
            </dd>
          </div>
        ) : null}
        <div className="facts__wide">
          <dt>Reason for the visit</dt>
          <dd data-testid="visit-reason">{b.reason || <span className="muted">Not given</span>}</dd>
        </div>
        {b.cancellation ? (
          <div className="facts__wide">
            <dt>Cancelled</dt>
            <dd>
              By {cancelledBy(b.cancellation.by)}: {b.cancellation.reason}
            </dd>
          </div>
        ) : null}
      </dl>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <ProblemAlert problem={problem} />
      {cancelling ? (
        <CancelForm
          booking={b}
          onCancelled={(nb) => {
            setCancelling(false);
            onChange({ ...b, ...nb });
            setNotice('The appointment was cancelled and the patient told.');
          }}
          onClose={() => setCancelling(false)}
        />
      ) : (
        <div className="row visit-actions">
          {b.status === 'confirmed' ? (
            <button type="button" className="button button--primary" onClick={start} disabled={busy !== null || !canStart(b, now)} aria-busy={busy === 'start' || undefined}>
              {busy === 'start' ? 'Starting…' : 'Start consultation'}
            </button>
          ) : null}
          {b.status === 'in_progress' ? (
            <>
              {b.type === 'video' && !callHere ? (
                <Link className="button button--primary" to={callPath(b.id)}>
                  Join the video call
                </Link>
              ) : null}
              {confirmEnd ? (
                <span className="row" role="group" aria-label="Confirm ending the consultation">
                  <span data-testid="end-confirm-text">
                    {b.type === 'video' ? 'End the video call and the consultation for both of you?' : 'End the consultation?'}
                  </span>
                  <button type="button" className="button button--danger" onClick={end} disabled={busy !== null}>
                    {busy === 'end' ? 'Ending…' : 'Yes, end it'}
                  </button>
                  <button type="button" className="button button--link" onClick={() => setConfirmEnd(false)}>
                    Not yet
                  </button>
                </span>
              ) : (
                <button type="button" className="button button--secondary" onClick={() => setConfirmEnd(true)} disabled={busy !== null}>
                  End consultation
                </button>
              )}
            </>
          ) : null}
          {canMarkNoShow(b, now) ? (
            <button type="button" className="button button--secondary" onClick={noShow} disabled={busy !== null}>
              {busy === 'no-show' ? 'Saving…' : 'Mark no-show'}
            </button>
          ) : null}
          {canCancel(b, now) ? (
            <button type="button" className="button button--ghost-danger" onClick={() => setCancelling(true)} disabled={busy !== null}>
              Cancel appointment
            </button>
          ) : null}
        </div>
      )}
      {b.status === 'confirmed' && wait !== null && wait > 0 ? (
        <p className="muted" data-testid="start-hint">
          You can start the consultation from 15 minutes before its time (in {wait} min).
        </p>
      ) : null}
    </section>
  );
}
