// One booking as the patient sees it: when and with whom, cancel or move it, join the call once the doctor has
// started it, and afterwards read the plan and the prescription (with its PDF) and rate the consultation.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { AppHeader, LoadProblem, useLoader } from '../components/account';
import { useDownload } from '../components/useDownload';
import { BookingWhen, PrescriptionView, SlotPicker, StatusBadge, typeLabel } from '../components/consult';
import { Notice, ProblemAlert, SubmitButton, TextAreaField } from '../components/ui';
import { useSubmit } from '../components/useSubmit';
import {
  browserTimeZone,
  canChange,
  canJoin,
  formatDateTimeIn,
  formatDuration,
  formatMoney,
  problemKind,
  validateStars,
  type Booking,
  type Rating,
  type Slot,
} from '../consultations';
import {
  cancelBooking,
  downloadBookingCalendar,
  getBooking,
  getConsultationPrescription,
  getPlan,
  getRating,
  rateConsultation,
  rescheduleBooking,
  type VisitLocation,
} from '../consultationsApi';

export default function BookingDetail() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { data: b, setData, problem, loading, reload } = useLoader((signal) => getBooking(id, signal), [id]);
  const [notice, setNotice] = useState<string | null>((location.state as { booked?: boolean } | null)?.booked ? 'Your consultation is booked.' : null);
  const [open, setOpen] = useState<'cancel' | 'reschedule' | null>(null);

  // Shortly before and during the slot, look again now and then: the call can be joined once the doctor starts it.
  const soon = !!b && b.status === 'confirmed' && new Date(b.start).getTime() - Date.now() < 30 * 60_000;
  useEffect(() => {
    if (!soon) return;
    const t = window.setInterval(reload, 10_000);
    return () => window.clearInterval(t);
  }, [soon, reload]);

  const changed = (next: Booking, message: string) => {
    setData(next);
    setOpen(null);
    setNotice(message);
  };

  return (
    <>
      <AppHeader />
      <main className="page">
        <p>
          <Link to="/bookings">← My bookings</Link>
        </p>
        <LoadProblem problem={problem} what="this booking" />
        {loading && !b ? (
          <p className="muted" role="status">
            Loading…
          </p>
        ) : null}
        {b ? (
          <>
            <section className="panel" aria-labelledby="booking-heading" data-testid="booking-detail">
              <div className="booking__head">
                <h1 id="booking-heading">Consultation with {b.doctor.name}</h1>
                <StatusBadge status={b.status} />
              </div>
              {notice ? <Notice tone="success">{notice}</Notice> : null}
              <BookingWhen booking={b} />
              <Facts b={b} />
              <VisitPlace b={b} />
              <div className="booking__actions">
                {canJoin(b) ? (
                  <Link className="button button--primary" to={`/consultations/${encodeURIComponent(b.id)}/call`}>
                    Join the call
                  </Link>
                ) : null}
                {canChange(b) ? (
                  <>
                    <button type="button" className="button button--secondary" aria-expanded={open === 'reschedule'} onClick={() => setOpen(open === 'reschedule' ? null : 'reschedule')}>
                      Reschedule
                    </button>
                    <button type="button" className="button button--ghost-danger" aria-expanded={open === 'cancel'} onClick={() => setOpen(open === 'cancel' ? null : 'cancel')}>
                      Cancel booking
                    </button>
                  </>
                ) : null}
                <Link className="button button--link" to={`/doctors/${encodeURIComponent(b.doctor.id)}`}>
                  Doctor's profile
                </Link>
                <AddToCalendar b={b} />
              </div>
              <FollowUpOffer b={b} />
              {b.status === 'confirmed' && b.type === 'video' ? (
                <p className="muted" style={{ marginTop: '0.75rem' }}>
                  The doctor starts the video call at the booked time; a “Join the call” button appears here then.
                </p>
              ) : null}
            </section>
            {open === 'cancel' ? <CancelForm b={b} onDone={(n) => changed(n, 'Your booking is cancelled.')} onClose={() => setOpen(null)} /> : null}
            {open === 'reschedule' ? (
              <RescheduleForm b={b} onDone={(n) => changed(n, `Moved to ${formatDateTimeIn(n.start, browserTimeZone())}.`)} onClose={() => setOpen(null)} />
            ) : null}
            {b.status === 'in_progress' || b.status === 'completed' ? <AfterVisit b={b} /> : null}
            {b.status === 'completed' ? <RateForm b={b} /> : null}
          </>
        ) : null}
      </main>
    </>
  );
}

function Facts({ b }: { b: Booking }) {
  return (
    <dl className="facts facts--compact">
      <div>
        <dt>Patient</dt>
        <dd data-testid="booking-patient">{b.patient.name}</dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>
          {typeLabel(b.type)}
          {b.location?.name ? ` at ${b.location.name}` : ''}
        </dd>
      </div>
      {b.fee ? (
        <div>
          <dt>Fee</dt>
          <dd>
            {formatMoney(b.fee)}
            {b.follow_up_of ? ' (free follow-up)' : ''}
          </dd>
        </div>
      ) : null}
      {b.reason ? (
        <div className="facts__wide">
          <dt>Reason</dt>
          <dd className="prewrap">{b.reason}</dd>
        </div>
      ) : null}
      {b.rescheduled_from ? (
        <div>
          <dt>Moved from</dt>
          <dd>{formatDateTimeIn(b.rescheduled_from, browserTimeZone())}</dd>
        </div>
      ) : null}
      {b.duration_seconds ? (
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(b.duration_seconds)}</dd>
        </div>
      ) : null}
      {b.cancellation ? (
        <div className="facts__wide">
          <dt>Cancelled</dt>
          <dd data-testid="cancellation">
            by the {b.cancellation.by} on {formatDateTimeIn(b.cancellation.at, browserTimeZone())}: {b.cancellation.reason}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Where a clinic consultation takes place: the address and a directions link. */
function VisitPlace({ b }: { b: Booking }) {
  const loc = b.location as VisitLocation | null;
  if (b.type !== 'clinic' || !loc?.address_line) return null;
  // Only the maps site the server links to: a directions link never leads elsewhere.
  const directions = loc.directions_url?.startsWith('https://www.openstreetmap.org/') ? loc.directions_url : null;
  return (
    <dl className="facts facts--compact" data-testid="visit-place">
      <div className="facts__wide">
        <dt>Address</dt>
        <dd>
          <span data-testid="visit-address">{loc.address_line}</span>
          {directions ? (
            <>
              {' '}
              <a href={directions} target="_blank" rel="noopener noreferrer" data-testid="visit-directions">
                Directions
              </a>
            </>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

/** "Add to calendar": the booking's .ics file (download it again after a change: the event is updated). */
function AddToCalendar({ b }: { b: Booking }) {
  const { busy, problem, download } = useDownload(() => downloadBookingCalendar(b.id), `kiorex-${b.id}.ics`);

  return (
    <>
      <button type="button" className="button button--secondary" onClick={download} disabled={busy} data-testid="add-to-calendar">
        {b.status === 'cancelled' ? 'Calendar file (cancels the event)' : 'Add to calendar'}
      </button>
      {problem ? <ProblemAlert problem={problem} /> : null}
    </>
  );
}

/** After a finished consultation: its free follow-up with the same doctor, while the server says it can be booked. */
function FollowUpOffer({ b }: { b: Booking }) {
  const until = (b as Booking & { follow_up_until?: string | null }).follow_up_until;
  if (!until) return null;
  return (
    <p data-testid="follow-up-offer" style={{ marginTop: '0.75rem' }}>
      A free follow-up with {b.doctor.name} can be booked for a time until {formatDateTimeIn(until, browserTimeZone())}.{' '}
      <Link className="button button--primary" to={`/doctors/${encodeURIComponent(b.doctor.id)}`}>
        Book free follow-up
      </Link>
    </p>
  );
}

function CancelForm({ b, onDone, onClose }: { b: Booking; onDone: (b: Booking) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, problem, onSubmit } = useSubmit();
  const submit = onSubmit(async () => {
    if (reason.trim().length < 3) {
      setError('Please give a short reason (at least 3 characters).');
      return;
    }
    setError(null);
    onDone(await cancelBooking(b.id, reason.trim()));
  });
  return (
    <section className="panel" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this booking</h2>
      <form onSubmit={submit} noValidate aria-label="Cancel booking">
        <ProblemAlert problem={problem} />
        <TextAreaField label="Reason for cancelling" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} error={error ?? undefined} />
        <div className="row">
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? 'Cancelling…' : 'Cancel booking'}
          </button>
          <button type="button" className="button button--link" onClick={onClose}>
            Keep it
          </button>
        </div>
      </form>
    </section>
  );
}

function RescheduleForm({ b, onDone, onClose }: { b: Booking; onDone: (b: Booking) => void; onClose: () => void }) {
  const [slot, setSlot] = useState<Slot | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!slot) return;
    setBusy(true);
    setProblem(null);
    try {
      onDone(await rescheduleBooking(b.id, slot.start));
    } catch (err) {
      const p = toProblem(err);
      if (p.status === 409 || problemKind(p.type) === 'slot-unavailable') {
        setProblem({ ...p, detail: 'That time was just taken. Please choose another.' });
        setSlot(null);
        setRefresh((n) => n + 1);
      } else setProblem(p);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="reschedule-heading">
      <h2 id="reschedule-heading">Choose a new time</h2>
      <ProblemAlert problem={problem} />
      <SlotPicker doctorId={b.doctor.id} doctorTz={b.time_zone ?? 'UTC'} type={b.type} selected={slot} onPick={setSlot} refreshKey={refresh} />
      <form onSubmit={submit} aria-label="Reschedule booking">
        <div className="row" style={{ marginTop: '1rem' }}>
          <button type="submit" className="button button--primary" disabled={!slot || busy}>
            {busy ? 'Moving…' : slot ? `Move to ${formatDateTimeIn(slot.start, browserTimeZone())}` : 'Pick a time above'}
          </button>
          <button type="button" className="button button--link" onClick={onClose}>
            Keep the current time
          </button>
        </div>
      </form>
    </section>
  );
}

/** The doctor's plan and the prescription (either may not exist yet: a 404 means "none"). */
function AfterVisit({ b }: { b: Booking }) {
  const orNull = <T,>(p: Promise<T>) => p.catch((err: unknown) => (toProblem(err).status === 404 ? null : Promise.reject(err)));
  const plan = useLoader((signal) => orNull(getPlan(b.id, signal)), [b.id, b.status]);
  const rx = useLoader((signal) => orNull(getConsultationPrescription(b.id, signal)), [b.id, b.status]);
  return (
    <>
      <section className="panel" aria-labelledby="plan-heading">
        <h2 id="plan-heading">Doctor's plan</h2>
        <LoadProblem problem={plan.problem} what="the plan" />
        {plan.loading ? null : plan.data?.plan ? (
          <p className="prewrap" data-testid="plan">
            {plan.data.plan}
          </p>
        ) : !plan.problem ? (
          <p className="empty">The doctor has not written a plan yet.</p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="rx-heading">
        <h2 id="rx-heading">Prescription</h2>
        <LoadProblem problem={rx.problem} what="the prescription" />
        {rx.loading ? null : rx.data ? <PrescriptionView rx={rx.data} /> : !rx.problem ? <p className="empty">No prescription for this consultation.</p> : null}
      </section>
    </>
  );
}

/** The rating already given, or the form to give it (once). */
function RateForm({ b }: { b: Booking }) {
  const existing = useLoader((signal) => getRating(b.id, signal), [b.id]);
  const [thanks, setThanks] = useState(false);
  if (existing.loading && !existing.data) return null;
  const r = existing.data;
  if (!r) {
    return (
      <RateEditor
        b={b}
        onRated={(rating) => {
          setThanks(true);
          existing.setData(rating);
        }}
        onAlreadyRated={existing.reload}
      />
    );
  }
  return (
    <section className="panel" aria-labelledby="rate-heading">
      <h2 id="rate-heading">Your rating</h2>
      {thanks ? <Notice tone="success">Thank you for rating this consultation.</Notice> : null}
      <p data-testid="my-rating">
        <span className="stars" aria-label={`${r.stars} of 5 stars`}>
          {'★'.repeat(r.stars)}
          {'☆'.repeat(5 - r.stars)}
        </span>{' '}
        {r.comment ? `“${r.comment}”` : null}
      </p>
      <p className="muted">Rated on {formatDateTimeIn(r.created_at, browserTimeZone())}. A consultation is rated once.</p>
    </section>
  );
}

function RateEditor({ b, onRated, onAlreadyRated }: { b: Booking; onRated: (r: Rating) => void; onAlreadyRated: () => void }) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, problem, setProblem, onSubmit } = useSubmit();
  const submit = onSubmit(async () => {
    const invalid = validateStars(stars);
    setError(invalid);
    if (invalid) return;
    try {
      onRated(await rateConsultation(b.id, stars, comment));
    } catch (err) {
      const p = toProblem(err);
      // Rated meanwhile (another device): show that rating.
      if (p.status === 409) onAlreadyRated();
      else setProblem(p);
    }
  });
  return (
    <section className="panel" aria-labelledby="rate-heading">
      <h2 id="rate-heading">Rate this consultation</h2>
      <form onSubmit={submit} noValidate aria-label="Rate consultation">
        <ProblemAlert problem={problem} />
        <fieldset className="rating-input">
          <legend>How was it?</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <button key={n} type="button" aria-label={`${n} star${n === 1 ? '' : 's'}`} aria-pressed={n === stars} data-on={n <= stars} onClick={() => setStars(n)}>
              ★
            </button>
          ))}
        </fieldset>
        {error ? <p className="field__error">{error}</p> : null}
        <TextAreaField label="Comment (optional)" hint="Shown on the doctor's profile with your first name." value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
        <div className="row">
          <SubmitButton busy={busy} busyLabel="Sending…">
            Send rating
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
