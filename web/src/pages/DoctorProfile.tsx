// A doctor's public profile: who they are, what patients say, and booking a free slot (shown in the patient's time
// zone) for oneself or a dependent.
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { useAuth } from '../auth';
import { AppHeader, LoadProblem, useLoader } from '../components/account';
import { useDocumentTitle } from '../components/documentTitle';
import { PublicHeader } from '../components/PublicHeader';
import { profileWithSlot, slotFromParam } from '../publicBooking';
import { initials, SlotPicker, typeLabel } from '../components/consult';
import { ProblemAlert, SelectField, SubmitButton, TextAreaField } from '../components/ui';
import {
  attemptFor,
  browserTimeZone,
  commenterName,
  formatDateTimeIn,
  formatMoney,
  languageName,
  newIdempotencyKey,
  offeredTypes,
  problemKind,
  profileComments,
  ratingText,
  slotLabel,
  validateReason,
  type Attempt,
  type ConsultationType,
  type DoctorProfile as Profile,
  type Slot,
} from '../consultations';
import { createBooking, getDoctor } from '../consultationsApi';
import { listFamily } from '../usersApi';

export default function DoctorProfile() {
  const { id = '' } = useParams();
  const { data: doctor, problem, loading } = useLoader((signal) => getDoctor(id, signal), [id]);
  const { status } = useAuth();
  useDocumentTitle(doctor ? doctorTitle(doctor) : problem ? 'Doctor not found' : null);

  return (
    <>
      {status === 'signedIn' ? <AppHeader /> : <PublicHeader />}
      <main className="page">
        <p>
          <Link to="/doctors">← Back to search</Link>
        </p>
        <LoadProblem problem={problem} what="this doctor" />
        {loading && !doctor ? (
          <p className="muted" role="status">
            Loading…
          </p>
        ) : null}
        {doctor ? (
          <>
            <About doctor={doctor} />
            <BookPanel doctor={doctor} />
            <Reviews doctor={doctor} />
          </>
        ) : null}
      </main>
    </>
  );
}

/** "Dr Asha Rao — Dermatology", as the server's link preview says it (src/app/page_heads.cpp). */
function doctorTitle(doctor: Profile): string {
  const name = /^dr[ .]/i.test(doctor.name) ? doctor.name : `Dr ${doctor.name}`;
  const specialties = doctor.specialties.slice(0, 3).map((s) => s.name).join(', ');
  return specialties ? `${name} — ${specialties}` : name;
}

function About({ doctor }: { doctor: Profile }) {
  const types = offeredTypes(doctor);
  return (
    <section className="panel" aria-labelledby="doctor-name">
      <div className="doctor-card">
        <div className="avatar avatar--large" aria-hidden="true">
          {initials(doctor.name)}
        </div>
        <div>
          <h1 id="doctor-name">{doctor.name}</h1>
          <p className="doctor-card__meta">
            {doctor.specialties.map((s) => s.name).join(', ')}
            {doctor.experience_years !== undefined ? ` · ${doctor.experience_years} years of experience` : ''}
          </p>
          <p className={doctor.rating?.count ? 'stars' : 'muted'} data-testid="rating-summary">
            {ratingText(doctor.rating)}
          </p>
        </div>
      </div>
      {doctor.bio ? <p className="prewrap">{doctor.bio}</p> : null}
      <dl className="facts facts--compact">
        <div>
          <dt>Languages</dt>
          <dd>{doctor.languages.map((l) => languageName(l)).join(', ')}</dd>
        </div>
        <div>
          <dt>Consultations</dt>
          <dd>
            {types.map((t) => `${typeLabel(t)} ${formatMoney(doctor.consultation_types[t]?.fee)}`).join(' · ')}
          </dd>
        </div>
        {doctor.registration ? (
          <div>
            <dt>Registration</dt>
            <dd>
              {doctor.registration.number}, {doctor.registration.council}
            </dd>
          </div>
        ) : null}
        {doctor.qualifications?.length ? (
          <div>
            <dt>Qualifications</dt>
            <dd>
              {doctor.qualifications.map((q) => [q.degree, q.institution, q.year].filter(Boolean).join(', ')).join('; ')}
            </dd>
          </div>
        ) : null}
        {doctor.conditions?.length ? (
          <div className="facts__wide">
            <dt>Treats</dt>
            <dd>{doctor.conditions.join(', ')}</dd>
          </div>
        ) : null}
        {doctor.locations?.length ? (
          <div className="facts__wide">
            <dt>Clinics</dt>
            <dd>
              {doctor.locations
                .map((l) => [l.name, l.address?.line1, l.address?.city ?? l.city].filter(Boolean).join(', '))
                .join(' · ')}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function Reviews({ doctor }: { doctor: Profile }) {
  const comments = profileComments(doctor);
  return (
    <section className="panel" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">What patients say</h2>
      <p className={doctor.rating?.count ? 'stars' : 'muted'}>{ratingText(doctor.rating)}</p>
      {comments.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ul className="comments" data-testid="comments">
          {comments.map((c, i) => (
            <li key={i}>
              <span className="stars">{'★'.repeat(c.stars)}</span> {c.comment ? `“${c.comment}”` : null}
              <br />
              <span className="muted">
                {commenterName(c)}
                {c.created_at ? ` · ${formatDateTimeIn(c.created_at, browserTimeZone()).replace(/,[^,]*$/, '')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Dependents the caller is guardian of: the people they may book for besides themselves. */
function useDependents(enabled: boolean) {
  return useLoader(
    async (signal) => {
      if (!enabled) return [];
      const r = await listFamily(null, signal);
      return (r.items ?? []).filter((m) => m.kind === 'dependent' && m.status === 'active' && m.direction !== 'incoming');
    },
    [enabled],
  );
}

function BookPanel({ doctor }: { doctor: Profile }) {
  const { user, status } = useAuth();
  const navigate = useNavigate();
  const types = offeredTypes(doctor);
  // A time chosen before signing in comes back in ?slot= (publicBooking.ts); the server checks it on booking.
  const [params] = useSearchParams();
  const [returned] = useState(() => slotFromParam(params.get('slot')));
  const [type, setType] = useState<ConsultationType>(
    returned && types.includes(returned.type as ConsultationType) ? (returned.type as ConsultationType) : (types[0] ?? 'video'),
  );
  const [slot, setSlot] = useState<Slot | null>(returned);
  const [forId, setForId] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [taken, setTaken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const attempt = useRef<Attempt | null>(null);
  const isPatient = user?.role === 'patient';
  const dependents = useDependents(isPatient);
  const tz = browserTimeZone();
  const doctorTz = doctor.time_zone ?? 'UTC';

  if (status !== 'signedIn') return <VisitorBookPanel doctor={doctor} type={type} setType={setType} slot={slot} setSlot={setSlot} types={types} />;

  if (!isPatient) {
    return (
      <section className="panel" aria-labelledby="book-heading">
        <h2 id="book-heading">Book a consultation</h2>
        <p className="muted">Bookings are made from a patient account.</p>
      </section>
    );
  }

  const book = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setTaken(null);
    if (!slot) return;
    const invalid = validateReason(reason);
    setReasonError(invalid);
    if (invalid) return;
    const body = {
      doctor_id: doctor.id,
      start: slot.start,
      type: slot.type,
      location_id: slot.location_id ?? null,
      reason: reason.trim(),
      ...(forId ? { patient_id: forId } : {}),
    };
    // The same attempt retried (after a lost answer) keeps its key, so the server books it once.
    attempt.current = attemptFor(attempt.current, body, newIdempotencyKey);
    setBusy(true);
    try {
      const b = await createBooking(body, attempt.current.key);
      attempt.current = null;
      navigate(`/bookings/${encodeURIComponent(b.id)}`, { state: { booked: true } });
    } catch (err) {
      const p = toProblem(err);
      const kind = problemKind(p.type);
      if (p.status === 409 || kind === 'slot-taken' || kind === 'slot-unavailable') {
        // That time is gone: show fresh slots and let the person choose again.
        setTaken('Sorry, that time was just booked by someone else. Please choose another time.');
        setSlot(null);
        attempt.current = null;
        setRefresh((n) => n + 1);
      } else {
        setProblem(p);
      }
    } finally {
      setBusy(false);
    }
  };

  const picked = slot ? slotLabel(slot, tz, doctorTz) : null;
  const location = slot?.location_id ? doctor.locations?.find((l) => l.id === slot.location_id) : null;

  return (
    <section className="panel" aria-labelledby="book-heading">
      <h2 id="book-heading">Book a consultation</h2>
      <TypeChoice doctor={doctor} types={types} type={type} onChoose={(t) => { setType(t); setSlot(null); }} />
      {taken ? (
        <div className="alert alert--warning" role="alert" data-testid="slot-taken">
          <p>{taken}</p>
        </div>
      ) : null}
      <SlotPicker doctorId={doctor.id} doctorTz={doctorTz} type={type} selected={slot} onPick={setSlot} refreshKey={refresh} />
      {slot && picked ? (
        <form onSubmit={book} noValidate aria-label="Booking details">
          <div className="picked" data-testid="picked-slot">
            <strong>{formatDateTimeIn(slot.start, tz)}</strong>
            {picked.doctorTime ? <span className="muted"> · {picked.doctorTime}</span> : null}
            <br />
            {typeLabel(slot.type)}
            {location ? ` at ${location.name}` : ''} · {formatMoney(doctor.consultation_types[slot.type as ConsultationType]?.fee)}
          </div>
          <ProblemAlert problem={problem} />
          {(dependents.data ?? []).length > 0 ? (
            <SelectField label="Who is the consultation for?" value={forId} onChange={(e) => setForId(e.target.value)}>
              <option value="">Me ({user?.name})</option>
              {(dependents.data ?? []).map((m) => (
                <option key={m.member.id} value={m.member.id}>
                  {m.member.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextAreaField
            label="Reason for the visit"
            hint="Only the doctor sees this."
            value={reason}
            maxLength={1000}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(null);
            }}
            error={reasonError ?? undefined}
          />
          <div className="row">
            <SubmitButton busy={busy} busyLabel="Booking…">
              Book this time
            </SubmitButton>
            <button type="button" className="button button--link" onClick={() => setSlot(null)}>
              Choose another time
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** Booking for a visitor: the same choice of times; "Sign in to book" returns here with the time chosen. */
function VisitorBookPanel({
  doctor, types, type, setType, slot, setSlot,
}: {
  doctor: Profile;
  types: ConsultationType[];
  type: ConsultationType;
  setType: (t: ConsultationType) => void;
  slot: Slot | null;
  setSlot: (s: Slot | null) => void;
}) {
  const tz = browserTimeZone();
  const doctorTz = doctor.time_zone ?? 'UTC';
  const picked = slot ? slotLabel(slot, tz, doctorTz) : null;
  const from = profileWithSlot(doctor.id, slot);
  return (
    <section className="panel" aria-labelledby="book-heading">
      <h2 id="book-heading">Book a consultation</h2>
      <TypeChoice doctor={doctor} types={types} type={type} onChoose={(t) => { setType(t); setSlot(null); }} />
      <SlotPicker doctorId={doctor.id} doctorTz={doctorTz} type={type} selected={slot} onPick={setSlot} />
      {slot && picked ? (
        <div className="picked" data-testid="picked-slot">
          <strong>{formatDateTimeIn(slot.start, tz)}</strong>
          {picked.doctorTime ? <span className="muted"> · {picked.doctorTime}</span> : null}
          <br />
          {typeLabel(slot.type)} · {formatMoney(doctor.consultation_types[slot.type as ConsultationType]?.fee)}
        </div>
      ) : null}
      <p className="muted">Sign in to book{slot ? ' this time' : ''}: you come back here to confirm it.</p>
      <div className="row">
        <Link className="button button--primary" to="/signin" state={{ from }}>
          {slot ? 'Sign in to book this time' : 'Sign in to book'}
        </Link>
        <Link className="button button--secondary" to="/signup">
          Create an account
        </Link>
      </div>
    </section>
  );
}

/** Video or clinic, with the fee of each (shown only when the doctor offers both). */
function TypeChoice({
  doctor, types, type, onChoose,
}: {
  doctor: Profile;
  types: ConsultationType[];
  type: ConsultationType;
  onChoose: (t: ConsultationType) => void;
}) {
  if (types.length < 2) return null;
  return (
    <fieldset className="segmented" aria-label="Type of consultation">
      <legend>Type of consultation</legend>
      {types.map((t) => (
        <label key={t}>
          <input type="radio" name="type" value={t} checked={type === t} onChange={() => onChoose(t)} />{' '}
          {typeLabel(t)} · {formatMoney(doctor.consultation_types[t]?.fee)}
        </label>
      ))}
    </fieldset>
  );
}
