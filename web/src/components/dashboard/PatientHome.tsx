// The patient's home: the next appointment (with Join when it is time), upcoming and recent visits, the latest
// prescriptions, family members, and one entry per service.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { upcomingFrom, type Booking } from '../../consultations';
import { listBookings } from '../../consultationsApi';
import { formatDateTime, relationshipLabel } from '../../users';
import { listFamily } from '../../usersApi';
import { useLoader } from '../account';
import { StatusBadge, typeLabel } from '../consult';
import { listRecentPrescriptions } from './dashboardApi';
import { inJoinWindow, isAhead, minutesUntilJoin, nextAppointment } from './dashboard';
import { PrescriptionList } from './PrescriptionList';
import { DashSection } from './Section';

const SERVICES: { to: string; label: string; hint: string }[] = [
  { to: '/doctors', label: 'Consult a doctor', hint: 'Search and book a video or clinic visit' },
  { to: '/bookings', label: 'Appointments', hint: 'All your visits and your family’s' },
  { to: '/medical-history', label: 'Records', hint: 'Conditions, allergies, medicines' },
  { to: '/family', label: 'Family', hint: 'Dependents and linked accounts' },
  { to: '/emergency-contacts', label: 'Emergency contacts', hint: 'Who to call in an emergency' },
  { to: '/privacy', label: 'Privacy', hint: 'Consents, access log, your data' },
];

/** Re-renders every 30 s, so the Join button appears when its window opens without a reload. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function PatientHome() {
  const selfId = useAuth().user?.id;
  const now = useNow();
  const [from] = useState(() => upcomingFrom());
  const upcoming = useLoader((signal) => listBookings({ from, limit: 20 }, signal), [from]);
  // Visits that are over, by status (a visit held early is over before its booked start), newest first.
  const recent = useLoader((signal) => listBookings({ status: 'completed,no_show,cancelled', limit: 5 }, signal), []);
  const rx = useLoader((signal) => listRecentPrescriptions(5, signal), []);
  const family = useLoader((signal) => listFamily(null, signal), []);

  const ahead = (upcoming.data?.items ?? []).filter((b) => isAhead(b, now));
  const next = nextAppointment(ahead, now);
  const later = ahead.filter((b) => b.id !== next?.id).slice(0, 5);
  const past = (recent.data?.items ?? []).filter((b) => !isAhead(b, now));

  return (
    <>
      <DashSection id="next-appointment" title="Next appointment" loading={upcoming.loading && !upcoming.data} problem={upcoming.problem} what="your appointments" className="dash-next">
        {next ? <NextAppointment booking={next} now={now} selfId={selfId} /> : (
          <p className="empty">
            No appointment booked. <Link to="/doctors">Find a doctor</Link> to book one.
          </p>
        )}
      </DashSection>
      <div className="dash-grid">
        <DashSection id="upcoming-visits" title="Upcoming visits" allTo="/bookings" loading={upcoming.loading && !upcoming.data} problem={upcoming.problem} what="your appointments">
          {later.length ? <BookingList items={later} /> : <p className="empty">Nothing else booked.</p>}
        </DashSection>
        <DashSection id="recent-visits" title="Recent visits" allTo="/bookings" loading={recent.loading && !recent.data} problem={recent.problem} what="your visits">
          {past.length ? <BookingList items={past} /> : <p className="empty">No past visits yet.</p>}
        </DashSection>
        <DashSection id="latest-prescriptions" title="Latest prescriptions" loading={rx.loading && !rx.data} problem={rx.problem} what="your prescriptions">
          <PrescriptionList
            items={rx.data?.items ?? []}
            title="Latest prescriptions"
            empty="No prescriptions yet. A doctor’s prescription appears here after your visit."
            label={(p) => p.doctor.name}
            note={(p) => (p.patient.id !== selfId ? ` · for ${p.patient.name}` : '')}
          />
        </DashSection>
        <DashSection id="family-members" title="Family" allTo="/family" allLabel="Manage" loading={family.loading && !family.data} problem={family.problem} what="your family">
          {family.data?.items.length ? (
            <ul className="dash-list" aria-label="Family members">
              {family.data.items.map((m) => (
                <li key={m.link_id} data-testid="family-member">
                  <span>{m.member.name}</span>
                  <span className="muted">
                    {relationshipLabel(m.relationship)}
                    {m.status !== 'active' ? ` · ${m.status}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">
              No family members yet. <Link to="/family">Add a dependent</Link> to book for them.
            </p>
          )}
        </DashSection>
      </div>
      <section className="panel" aria-labelledby="services-heading">
        <h2 id="services-heading">Services</h2>
        <ul className="dash-services" aria-label="Services">
          {SERVICES.map((s) => (
            <li key={s.to}>
              <Link to={s.to}>
                {s.label}
                <span>{s.hint}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function NextAppointment({ booking: b, now, selfId }: { booking: Booking; now: Date; selfId?: string }) {
  const wait = minutesUntilJoin(b, now);
  return (
    <div data-booking-id={b.id}>
      <p className="card-item__title">
        {b.doctor.name} <StatusBadge status={b.status} />
      </p>
      <p data-testid="next-when">
        {formatDateTime(b.start)} · {typeLabel(b.type)}
        {b.location?.name ? ` at ${b.location.name}` : ''}
        {b.patient.id !== selfId ? ` · for ${b.patient.name}` : ''}
      </p>
      <div className="row">
        {inJoinWindow(b, now) ? (
          <Link className="button button--primary" to={`/consultations/${encodeURIComponent(b.id)}/call`}>
            Join the call
          </Link>
        ) : null}
        <Link className="button button--secondary" to={`/bookings/${encodeURIComponent(b.id)}`}>
          Details
        </Link>
      </div>
      {wait && wait > 0 ? (
        <p className="muted" data-testid="join-opens">
          The Join button appears {wait >= 120 ? 'shortly before the visit' : `in ${wait} minute${wait === 1 ? '' : 's'}`}.
        </p>
      ) : null}
    </div>
  );
}

function BookingList({ items }: { items: Booking[] }) {
  return (
    <ul className="dash-list">
      {items.map((b) => (
        <li key={b.id} data-testid="visit" data-booking-id={b.id}>
          <Link to={`/bookings/${encodeURIComponent(b.id)}`}>{b.doctor.name}</Link>
          <span className="muted">
            {formatDateTime(b.start)} · {typeLabel(b.type)} <StatusBadge status={b.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}
