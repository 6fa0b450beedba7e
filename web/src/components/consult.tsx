// Pieces shared by the consultation pages: a doctor's card, the slot picker (times in the patient's zone), a
// booking's summary, a status badge and the prescription view.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { problemMessage, toProblem } from '../api';
import {
  addDays,
  browserTimeZone,
  dateInZone,
  formatDateTimeIn,
  formatDayLabel,
  formatMoney,
  formatTime,
  groupSlotsByDay,
  languageName,
  lowestFee,
  offeredTypes,
  ratingText,
  sameOffsetAt,
  slotLabel,
  slotsByPartOfDay,
  slotWindow,
  statusLabel,
  statusTone,
  zoneCity,
  type Booking,
  type DoctorSummary,
  type Prescription,
  type Slot,
} from '../consultations';
import { getSlots } from '../consultationsApi';
import { LoadProblem, useLoader } from './account';
import { RxAdvice, usePrescriptionPdf } from './prescriptionParts';
import { ProblemAlert } from './ui';
import '../consult.css';

export function initials(name: string): string {
  const words = name.replace(/^(dr\.?\s+)/i, '').split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge--${statusTone(status)}`} data-testid="booking-status">
      {statusLabel(status)}
    </span>
  );
}

const TYPE_LABELS: Record<string, string> = { video: 'Video', clinic: 'In clinic' };
export function typeLabel(t: string): string {
  return TYPE_LABELS[t] ?? t;
}

/** One search result: who, what, fee, rating, next free time; links to the profile. */
export function DoctorCard({ doctor, tz }: { doctor: DoctorSummary; tz: string }) {
  const fee = lowestFee(doctor);
  const cities = [...new Set((doctor.locations ?? []).map((l) => l.city ?? l.address?.city).filter(Boolean))];
  return (
    <article className="panel doctor-card" data-testid="doctor-result" aria-labelledby={`doc-${doctor.id}`}>
      <div className="avatar" aria-hidden="true">
        {initials(doctor.name)}
      </div>
      <div>
        <h2 id={`doc-${doctor.id}`}>
          <Link to={`/doctors/${encodeURIComponent(doctor.id)}`}>{doctor.name}</Link>
        </h2>
        <p className="doctor-card__meta" data-testid="doctor-specialties">
          {doctor.specialties.map((s) => s.name).join(', ')}
          {doctor.experience_years !== undefined ? ` · ${doctor.experience_years} years` : ''}
        </p>
        <p className="doctor-card__meta">
          Speaks {doctor.languages.map((l) => languageName(l)).join(', ')}
          {cities.length > 0 ? ` · ${cities.join(', ')}` : ''}
          {typeof doctor.distance_km === 'number' ? ` · ${doctor.distance_km.toFixed(1)} km away` : ''}
        </p>
        <div className="doctor-card__foot">
          <span className={doctor.rating?.count ? 'stars' : 'muted'}>{ratingText(doctor.rating)}</span>
          {fee ? <span className="fee">from {formatMoney(fee)}</span> : null}
          <span>{offeredTypes(doctor).map(typeLabel).join(' · ')}</span>
          {doctor.next_available_at ? (
            <span className="muted">Next free: {formatDateTimeIn(doctor.next_available_at, tz)}</span>
          ) : null}
        </div>
      </div>
    </article>
  );
}

/**
 * A doctor's free slots, two weeks at a time: a row of days (the patient's days, with how many times are free),
 * then the times of the chosen day in the patient's zone with the doctor's local time beside them when the zones
 * differ. `refreshKey` reloads (after a 409 slot-taken).
 */
export function SlotPicker({
  doctorId,
  doctorTz,
  type,
  selected,
  onPick,
  refreshKey = 0,
}: {
  doctorId: string;
  doctorTz: string;
  type: string | null;
  selected: Slot | null;
  onPick: (s: Slot) => void;
  refreshKey?: number;
}) {
  const patientTz = browserTimeZone();
  const [offset, setOffset] = useState(0);
  const [day, setDay] = useState<string | null>(null);
  const base = slotWindow(doctorTz, 14);
  const from = addDays(base.from, offset);
  const to = addDays(base.to, offset);
  const { data, problem, loading } = useLoader(
    (signal) => getSlots(doctorId, { from, to, type }, signal),
    [doctorId, from, to, type, refreshKey],
  );
  const zone = data?.time_zone || doctorTz;
  const days = groupSlotsByDay(data?.items ?? [], patientTz);
  const shown = days.find((d) => d.date === day) ?? days[0] ?? null;
  const differs = !!zone && !sameOffsetAt(new Date().toISOString(), patientTz, zone);

  return (
    <div className="slots" data-testid="slot-picker">
      <p className="slots__zone">
        Times are in your time zone ({zoneCity(patientTz)}).
        {differs ? ` The doctor's local time (${zoneCity(zone)}) is shown under each time.` : ''}
      </p>
      <LoadProblem problem={problem} what="the free times" />
      {loading && !data ? (
        <p className="muted" role="status">
          Loading free times…
        </p>
      ) : null}
      {data && days.length === 0 ? (
        <p className="empty" data-testid="no-slots">
          No free times between {formatDayLabel(from)} and {formatDayLabel(to)}.
        </p>
      ) : null}
      {days.length > 0 ? (
        <div className="chips slot-days" role="group" aria-label="Day">
          {days.map((d) => (
            <button
              key={d.date}
              type="button"
              className="chip"
              data-day={d.date}
              aria-pressed={shown?.date === d.date}
              onClick={() => setDay(d.date)}
            >
              {formatDayShort(d.date)}
              <span className="chip__count">{d.slots.length}</span>
            </button>
          ))}
        </div>
      ) : null}
      {shown ? (
        <section className="slot-day" aria-label={`Free times on ${formatDayLabel(shown.date)}`}>
          <h3>{formatDayLabel(shown.date)}</h3>
          {slotsByPartOfDay(shown.slots, patientTz).map((part) => (
            <div key={part.id} className="slot-part">
              <h4>{part.label}</h4>
              <ul className="slot-grid">
                {part.slots.map((s) => {
                  const label = slotLabel(s, patientTz, zone);
                  const isSel = selected?.start === s.start && selected?.type === s.type;
                  return (
                    <li key={`${s.start}-${s.type}`}>
                      <button
                        type="button"
                        className="slot"
                        data-testid="slot"
                        data-start={s.start}
                        aria-pressed={isSel}
                        onClick={() => onPick(s)}
                      >
                        {label.time}
                        {label.doctorTime ? <span className="slot__local">{label.doctorTime}</span> : null}
                        {!type ? <span className="slot__local">{typeLabel(s.type)}</span> : null}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      <div className="row" style={{ marginTop: '0.75rem' }}>
        {offset > 0 ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setOffset(Math.max(0, offset - 14))}>
            Earlier dates
          </button>
        ) : null}
        {offset < 14 ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setOffset(offset + 14)}>
            Later dates
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** "Thu 26 Nov" for a YYYY-MM-DD date. */
function formatDayShort(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12)).toLocaleDateString(undefined, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
}

/** When a booking is, in the patient's zone, plus the doctor's local time when the zones differ. */
export function BookingWhen({ booking }: { booking: Booking }) {
  const tz = browserTimeZone();
  const doctorTz = booking.time_zone;
  const showLocal = !!doctorTz && !sameOffsetAt(booking.start, tz, doctorTz);
  return (
    <p className="booking__when" data-testid="booking-when">
      <strong>{formatDateTimeIn(booking.start, tz)}</strong>
      {showLocal && doctorTz ? (
        <span className="muted">
          {' '}
          · {dateInZone(booking.start, doctorTz) === dateInZone(booking.start, tz) ? formatTime(booking.start, doctorTz) : formatDateTimeIn(booking.start, doctorTz)} in{' '}
          {zoneCity(doctorTz)}
        </span>
      ) : null}
    </p>
  );
}

/** The prescription as the patient reads it, with its PDF. */
export function PrescriptionView({ rx }: { rx: Prescription }) {
  const { busy, problem, download } = usePrescriptionPdf(rx);
  return (
    <div data-testid="prescription">
      <p>
        Issued by <strong>{rx.doctor.name}</strong>
        {rx.doctor.registration ? ` (reg. ${rx.doctor.registration.number}, ${rx.doctor.registration.council})` : ''} for{' '}
        {rx.patient.name} on {formatDateTimeIn(rx.issued_at, browserTimeZone())}.
      </p>
      <div className="table-wrap">
        <table className="table rx-items">
          <thead>
            <tr>
              <th scope="col">Medicine</th>
              <th scope="col">Dose</th>
              <th scope="col">How often</th>
              <th scope="col">For</th>
              <th scope="col">Instructions</th>
            </tr>
          </thead>
          <tbody>
            {rx.items.map((it, i) => (
              <tr key={i}>
                <td>
                  <strong>{it.medicine}</strong>
                  {[it.strength, it.form].filter(Boolean).length ? ` ${[it.strength, it.form].filter(Boolean).join(' ')}` : ''}
                </td>
                <td>
                  {it.dose}
                  {it.route ? ` (${it.route})` : ''}
                </td>
                <td>{it.frequency}</td>
                <td>{it.duration}</td>
                <td>{it.instructions ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RxAdvice advice={rx.advice} followUp={rx.follow_up} />
      <ProblemAlert problem={problem} />
      <div className="row">
        <button type="button" className="button button--primary" onClick={download} disabled={busy}>
          {busy ? 'Preparing…' : 'Download PDF'}
        </button>
        {rx.verify_url ? (
          <a href={rx.verify_url} target="_blank" rel="noopener noreferrer">
            Check it is genuine
          </a>
        ) : null}
      </div>
    </div>
  );
}

export function problemText(err: unknown): string {
  return problemMessage(toProblem(err));
}
