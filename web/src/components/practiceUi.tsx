// Pieces shared by the doctor's practice pages: the verification banner, an appointment card with its actions
// (open, cancel with a reason, mark no-show) and time formatting.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import {
  bookingStatusLabel,
  canCancel,
  canMarkNoShow,
  CONSULTATION_TYPES,
  formatMoney,
  normalizeHHMM,
  statusInfo,
  validateReason,
  type Booking,
  type DoctorProfile,
} from '../practice';
import { cancelBooking, markNoShow } from '../practiceApi';
import { fieldErrors, formatDate, validationProblem } from '../users';
import { Field, ProblemAlert, TextAreaField } from './ui';
import '../practice.css';

/** "10:30" in the browser's time zone. */
export function formatTime(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "Mon, 9 Mar" in the browser's time zone. */
export function formatDay(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}

/**
 * A 24-hour `HH:MM` text input (a browser's time picker would show 12-hour times in some locales and cannot hold
 * 24:00, the end of a range that runs to midnight). "9:30" becomes "09:30" when the field is left.
 */
export function TimeField({
  label,
  name,
  value,
  onChange,
  error,
  untilMidnight = false,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  untilMidnight?: boolean;
}) {
  return (
    <Field
      label={label}
      name={name}
      inputMode="numeric"
      autoComplete="off"
      placeholder={untilMidnight ? '17:30' : '09:00'}
      maxLength={5}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        const n = normalizeHHMM(value, untilMidnight);
        if (n && n !== value) onChange(n);
      }}
      error={error}
    />
  );
}

/** The consultation types to choose from: those the practice offers, plus `current` if it is another one. */
export function typeOptions(offered: readonly string[], current?: string): { value: string; label: string }[] {
  const list = CONSULTATION_TYPES.filter((t) => offered.length === 0 || offered.includes(t.value) || t.value === current);
  return list.map((t) => ({ value: t.value, label: t.value === 'clinic' ? 'In clinic' : t.label }));
}

/** Who cancelled, as the doctor reads it. */
export function cancelledBy(by: string): string {
  return by === 'doctor' ? 'you' : by === 'system' ? 'Kiorex' : 'the patient';
}

export function typeLabel(type: string): string {
  return type === 'clinic' ? 'In clinic' : type === 'video' ? 'Video' : type;
}

const STATUS_BADGE: Record<string, string> = {
  confirmed: 'badge--ok',
  in_progress: 'badge--warn',
  completed: 'badge--muted',
  cancelled: 'badge--danger',
  no_show: 'badge--danger',
};

export function BookingStatus({ status }: { status: string }) {
  return (
    <span className={`badge ${STATUS_BADGE[status] ?? 'badge--muted'}`} data-testid="booking-status">
      {bookingStatusLabel(status)}
    </span>
  );
}

/** Where the profile stands with our verification team, and the submit button when it may be submitted. */
export function VerificationBanner({
  profile,
  onSubmit,
  submitting,
  problem,
}: {
  profile: DoctorProfile | null;
  onSubmit: () => void;
  submitting: boolean;
  problem: Problem | null;
}) {
  const status = profile?.status ?? null;
  const info = statusInfo(status);
  const tone = status ? info.tone : 'info';
  const canSubmit = profile !== null && (status === 'draft' || status === 'rejected');
  return (
    <div className={`alert alert--${tone} status-banner`} role="status" data-testid="verification-status" data-status={status ?? 'none'}>
      <p>
        <strong>{status ? info.label : 'Not set up yet'}</strong>
        {' — '}
        {status === null ? 'complete your practice profile below, then submit it for verification. Patients can find and book you once our team has verified it.' : null}
        {status === 'draft' ? 'patients cannot see you yet. Submit the profile for verification when it is complete.' : null}
        {status === 'pending'
          ? `submitted${profile?.submitted_at ? ` on ${formatDate(profile.submitted_at)}` : ''}. Our team checks your registration; you will get a message when it is reviewed.`
          : null}
        {status === 'verified'
          ? `${profile?.verified_at ? `since ${formatDate(profile.verified_at)}. ` : ''}Patients can find and book you. Changing your registration or specialties sends the profile back for review.`
          : null}
        {status === 'rejected' ? 'our team could not verify your profile. Correct it and submit it again.' : null}
      </p>
      {status === 'rejected' && profile?.rejection_reason ? (
        <p data-testid="rejection-reason">
          <strong>Reason:</strong> {profile.rejection_reason}
        </p>
      ) : null}
      {problem ? <ProblemAlert problem={problem} extra={problem.errors} /> : null}
      {canSubmit ? (
        <div className="row">
          <button type="button" className="button button--primary button--small" onClick={onSubmit} disabled={submitting} aria-busy={submitting || undefined}>
            {submitting ? 'Submitting…' : 'Submit for verification'}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** One appointment in a list: when, who, type, status, and what the doctor can do with it now. */
export function BookingCard({ booking, showDate, onChanged }: { booking: Booking; showDate: boolean; onChanged: (b: Booking) => void }) {
  const [mode, setMode] = useState<'idle' | 'cancel'>('idle');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const now = new Date();
  const b = booking;
  const inactive = b.status === 'cancelled' || b.status === 'no_show';

  const noShow = async () => {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await markNoShow(b.id));
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`card-item${inactive ? ' card-item--muted' : ''}`} data-testid="appointment" data-booking-id={b.id}>
      <div className="card-item__head">
        <p className="card-item__title">
          <span className="card-item__when">
            {showDate ? `${formatDay(b.start)}, ` : ''}
            <time dateTime={b.start}>{formatTime(b.start)}</time>–<time dateTime={b.end}>{formatTime(b.end)}</time>
          </span>{' '}
          <span data-testid="appointment-patient">{b.patient.name}</span>
        </p>
        <BookingStatus status={b.status} />
      </div>
      <p className="card-item__meta">
        <span className="badge badge--kind">{typeLabel(b.type)}</span>
        {b.location?.name ? <span>{b.location.name}</span> : null}
        {b.follow_up_of ? <span className="badge badge--ok">Free follow-up</span> : b.fee ? <span className="muted">{formatMoney(b.fee)}</span> : null}
      </p>
      {b.reason ? <p className="entry__notes">{b.reason}</p> : null}
      {b.cancellation ? (
        <p className="muted">
          Cancelled by {cancelledBy(b.cancellation.by)}: {b.cancellation.reason}
        </p>
      ) : null}
      {mode === 'cancel' ? (
        <CancelForm
          booking={b}
          onCancelled={(nb) => {
            setMode('idle');
            onChanged(nb);
          }}
          onClose={() => setMode('idle')}
        />
      ) : (
        <div className="card-item__actions">
          {!inactive ? (
            <Link className="button button--primary button--small" to={`/practice/appointments/${encodeURIComponent(b.id)}`}>
              {b.status === 'in_progress' ? 'Continue consultation' : 'Open'}
            </Link>
          ) : null}
          {canMarkNoShow(b, now) ? (
            <button type="button" className="button button--secondary button--small" onClick={noShow} disabled={busy}>
              {busy ? 'Saving…' : 'Mark no-show'}
            </button>
          ) : null}
          {canCancel(b, now) ? (
            <button type="button" className="button button--ghost-danger button--small" onClick={() => setMode('cancel')}>
              Cancel appointment
            </button>
          ) : null}
        </div>
      )}
      <ProblemAlert problem={problem} />
    </li>
  );
}

/** Cancel a booking with a reason the patient will see. */
export function CancelForm({ booking, onCancelled, onClose }: { booking: Booking; onCancelled: (b: Booking) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateReason(reason));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      onCancelled(await cancelBooking(booking.id, reason.trim()));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="confirm" onSubmit={submit} noValidate aria-label={`Cancel the appointment with ${booking.patient.name}`}>
      <p>Cancel the appointment with {booking.patient.name}? They will be told the reason.</p>
      {problem && !errors.reason ? <ProblemAlert problem={problem} /> : null}
      <TextAreaField label="Reason for cancelling" name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
      <div className="row">
        <button type="submit" className="button button--danger button--small" disabled={busy}>
          {busy ? 'Cancelling…' : 'Cancel appointment'}
        </button>
        <button type="button" className="button button--link" onClick={onClose} disabled={busy}>
          Keep it
        </button>
      </div>
    </form>
  );
}
