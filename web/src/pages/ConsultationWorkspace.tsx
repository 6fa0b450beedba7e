// The doctor's workspace for one booking, one page for the whole consultation: the appointment and its actions,
// the video call with its chat (while a video consultation is in progress), the patient's profile and history,
// the SOAP notes and the prescription. Nothing here navigates away, so the call stays up while the doctor writes.
// On a wide screen the call and its chat sit in a column that stays in view beside the patient's records, the
// notes and the prescription; on a narrower one, during a call, tabs switch the panels (the hidden ones stay
// mounted: the call goes on behind the notes).
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { AppHeader, LoadProblem, useLoader } from '../components/account';
import { NotesPanel } from '../components/NotesPanel';
import { PatientSummary } from '../components/PatientSummary';
import { PrescriptionPanel } from '../components/PrescriptionPanel';
import { VisitPanel } from '../components/VisitPanel';
import { WorkspaceCall } from '../components/WorkspaceCall';
import { WorkspaceTabs, type WorkspaceTab } from '../components/WorkspaceTabs';
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
  const [tab, setTab] = useState<WorkspaceTab>('call');
  const started = booking ? booking.status === 'in_progress' || booking.status === 'completed' : false;
  const inCall = booking ? booking.status === 'in_progress' && booking.type === 'video' : false;
  // Without a call every panel is shown stacked; with one, `pane` marks which tab a panel belongs to.
  const pane = (t: WorkspaceTab) => (inCall ? `ws-pane${tab === t ? ' ws-pane--active' : ''}` : undefined);
  const paneProps = (t: WorkspaceTab) => (inCall ? { id: `ws-pane-${t}`, role: 'tabpanel', 'aria-labelledby': `ws-tab-${t}` } : {});

  // Beside the notes without a call; during one, above them (the call and its chat fill the column in view).
  const patient = booking ? (
    <div className={pane('patient')} {...paneProps('patient')}>
      <PatientSummary patientId={booking.patient.id} patientName={booking.patient.name} />
    </div>
  ) : null;

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
            <VisitPanel booking={booking} onChange={setData} callHere={inCall} />
            {inCall ? <WorkspaceTabs current={tab} onSelect={setTab} /> : null}
            <div className={`workspace${inCall ? ' workspace--live' : ''}`}>
              <div className="workspace__side">
                {inCall ? (
                  <div className={pane('call')} {...paneProps('call')}>
                    <WorkspaceCall bookingId={booking.id} patientName={booking.patient.name} />
                  </div>
                ) : (
                  patient
                )}
              </div>
              <div className="workspace__main">
                {inCall ? patient : null}
                {started ? (
                  <>
                    <div className={pane('notes')} {...paneProps('notes')}>
                      <NotesPanel bookingId={booking.id} editable={writable(booking)} />
                    </div>
                    <div className={pane('prescription')} {...paneProps('prescription')}>
                      <PrescriptionPanel bookingId={booking.id} canIssue={writable(booking)} />
                    </div>
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
