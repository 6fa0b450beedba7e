// The video call inside the doctor's consultation workspace: the call stays up while the doctor reads the
// history and writes the notes and the prescription on the same page (leaving the page would drop it, and the
// patient would see "The doctor left the call"). Ending is the workspace's End consultation (VisitPanel): once
// the booking is no longer in progress the workspace unmounts this, which closes the call on this side; the
// server tells the patient's side the consultation ended.
import { useState } from 'react';
import { CallNotices, CallStage, Chat, isOver, PhaseBadge } from './callParts';
import { useCall } from './useCall';
import '../consult.css';

export function WorkspaceCall({ bookingId, patientName }: { bookingId: string; patientName: string }) {
  // Leaving unmounts the live part (camera off, socket closed); joining again mounts a fresh one.
  const [joined, setJoined] = useState(true);
  if (!joined) {
    return (
      <section className="panel" aria-labelledby="ws-call-heading" data-testid="workspace-call" data-joined="false">
        <h2 id="ws-call-heading">Video call</h2>
        <p className="muted">You left the call; the consultation is still in progress.</p>
        <button type="button" className="button button--primary" onClick={() => setJoined(true)}>
          Rejoin the call
        </button>
      </section>
    );
  }
  return <LiveCall bookingId={bookingId} patientName={patientName} onLeave={() => setJoined(false)} />;
}

function LiveCall({ bookingId, patientName, onLeave }: { bookingId: string; patientName: string; onLeave: () => void }) {
  const call = useCall(bookingId);
  return (
    <>
      <section className="panel" aria-labelledby="ws-call-heading" data-testid="workspace-call" data-joined="true">
        <div className="booking__head">
          <h2 id="ws-call-heading">Video call with {patientName}</h2>
          <PhaseBadge phase={call.phase} />
        </div>
        <CallNotices call={call} />
        <CallStage call={call} other="patient">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              call.leave();
              onLeave();
            }}
          >
            Leave the call
          </button>
        </CallStage>
      </section>
      <Chat call={call} disabled={isOver(call.phase) || !call.role} />
    </>
  );
}
