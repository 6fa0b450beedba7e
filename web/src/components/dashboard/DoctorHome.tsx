// The doctor's home: the onboarding checklist until verified, today's agenda with the next patient, and the
// prescriptions they issued lately.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { canStart, type Booking } from '../../practice';
import { listDoctorBookings } from '../../practiceApi';
import { useLoader } from '../account';
import { StatusBadge, typeLabel } from '../consult';
import { formatTime } from '../practiceUi';
import { listRecentPrescriptions } from './dashboardApi';
import { nextAppointment, todayRange } from './dashboard';
import { OnboardingChecklist } from './OnboardingChecklist';
import { PrescriptionList } from './PrescriptionList';
import { DashSection } from './Section';

export function DoctorHome() {
  const [day] = useState(() => todayRange());
  const agenda = useLoader((signal) => listDoctorBookings({ from: day.from, to: day.to, limit: 100 }, signal), [day]);
  const rx = useLoader((signal) => listRecentPrescriptions(5, signal), []);
  const items = [...(agenda.data?.items ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  const next = nextAppointment(items);

  return (
    <>
      <OnboardingChecklist />
      <DashSection id="agenda" title="Today’s agenda" allTo="/practice/appointments" allLabel="All appointments" loading={agenda.loading && !agenda.data} problem={agenda.problem} what="today’s appointments">
        {next ? <NextPatient booking={next} /> : null}
        {items.length ? (
          <ul className="dash-list" aria-label="Today’s appointments">
            {items.map((b) => (
              <li key={b.id} data-testid="agenda-item" data-booking-id={b.id}>
                <Link to={`/practice/appointments/${encodeURIComponent(b.id)}`}>
                  {formatTime(b.start)} · {b.patient.name}
                </Link>
                <span className="muted">
                  {typeLabel(b.type)} <StatusBadge status={b.status} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty" data-testid="agenda-empty">
            No appointments today.
          </p>
        )}
      </DashSection>
      <DashSection id="recent-prescriptions" title="Recent prescriptions" loading={rx.loading && !rx.data} problem={rx.problem} what="your prescriptions">
        <PrescriptionList items={rx.data?.items ?? []} title="Recent prescriptions" empty="No prescriptions issued yet." label={(p) => p.patient.name} />
      </DashSection>
    </>
  );
}

function NextPatient({ booking: b }: { booking: Booking }) {
  const href = `/practice/appointments/${encodeURIComponent(b.id)}`;
  return (
    <div className="card-item dash-next" data-testid="next-patient" data-booking-id={b.id}>
      <p className="card-item__title">Next: {b.patient.name}</p>
      <p>
        {formatTime(b.start)} · {typeLabel(b.type)}
        {b.reason ? ` · ${b.reason}` : ''}
      </p>
      <Link className={`button button--small ${canStart(b) || b.status === 'in_progress' ? 'button--primary' : 'button--secondary'}`} to={href}>
        {b.status === 'in_progress' ? 'Continue the consultation' : canStart(b) ? 'Start the consultation' : 'Open'}
      </Link>
    </div>
  );
}
