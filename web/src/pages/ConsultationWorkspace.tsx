// The doctor's workspace for one booking: the appointment and its actions, the patient's profile and history,
// the SOAP notes and the prescription.
import { Link, useParams } from 'react-router-dom';
import { AppHeader, LoadProblem, useLoader } from '../components/account';
import { NotesPanel } from '../components/NotesPanel';
import { PatientSummary } from '../components/PatientSummary';
import { PrescriptionPanel } from '../components/PrescriptionPanel';
import { VisitPanel } from '../components/VisitPanel';
import type { Booking } from '../practice';
import { getBooking } from '../practiceApi';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Notes and the prescription may be written while in progress and for 24 hours after the end. */
function writable(b: Booking, now = Date.now()): boolean {
  if (b.status === 'in_progress') return true;
  return b.status === 'completed' && !!b.ended_at && now - Date.parse(b.ended_at) < DAY_MS;
}

export default function ConsultationWorkspace() {
  const { id = '' } = useParams();
  const { data: booking, setData, problem, loading } = useLoader((signal) => getBooking(id, signal), [id]);
  const started = booking ? booking.status === 'in_progress' || booking.status === 'completed' : false;

  return (
    <>
      <AppHeader />
      <main className="page page--wide">
        <p>
          <Link to="/practice/appointments">← All appointments</Link>
        </p>
        <LoadProblem problem={problem} what="this appointment" />
        {loading && !booking ? (
          <p className="muted" role="status">
            Loading…
          </p>
        ) : null}
        {booking ? (
          <>
            <VisitPanel booking={booking} onChange={setData} />
            <div className="workspace">
              <div className="workspace__side">
                <PatientSummary patientId={booking.patient.id} patientName={booking.patient.name} />
              </div>
              <div className="workspace__main">
                {started ? (
                  <>
                    <NotesPanel bookingId={booking.id} editable={writable(booking)} />
                    <PrescriptionPanel bookingId={booking.id} canIssue={writable(booking)} />
                  </>
                ) : (
                  <section className="panel" aria-label="Notes and prescription">
                    <h2>Notes and prescription</h2>
                    <p className="muted">They open when you start the consultation.</p>
                  </section>
                )}
              </div>
            </div>
          </>
        ) : null}
      </main>
    </>
  );
}
