// The consultation's video call on a page of its own: the patient's way in (from the booking), and the doctor's
// too when they prefer a window with the call only (the doctor's workspace holds the same call beside the notes;
// `?return=<path>` says where "Leave" goes). Once the doctor ends it, the patient sees the plan and the
// prescription here.
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { useAuth } from '../auth';
import { AppHeader, useLoader } from '../components/account';
import { CallNotices, CallStage, Chat, isOver, PhaseBadge } from '../components/callParts';
import { useCall } from '../components/useCall';
import { ProblemAlert } from '../components/ui';
import { VisitOutcome } from '../components/VisitOutcome';
import { safeReturnPath } from '../consultations';
import { endConsultation, getBooking } from '../consultationsApi';
import '../consult.css';

export default function VideoCall() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const booking = useLoader((signal) => getBooking(id, signal), [id]);
  const call = useCall(id);
  const { user } = useAuth();
  // The call's role once joined; before that (or on a page opened after the end, which never joins) the account's.
  const isDoctor = (call.role ?? user?.role) === 'doctor';
  const back = safeReturnPath(params.get('return'), isDoctor ? '/' : `/bookings/${encodeURIComponent(id)}`);
  const [ending, setEnding] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const b = booking.data;
  const otherName = b ? (isDoctor ? b.patient.name : b.doctor.name) : null;
  const over = isOver(call.phase);

  const end = async () => {
    if (!window.confirm('End the call and the consultation for both of you?')) return;
    setEnding(true);
    setProblem(null);
    try {
      await endConsultation(id);
      call.markEnded();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setEnding(false);
    }
  };

  return (
    <>
      <AppHeader />
      <main className="page page--wide">
        <section className="panel" aria-labelledby="call-heading">
          <div className="booking__head">
            <h1 id="call-heading">{otherName ? `Consultation with ${otherName}` : 'Consultation'}</h1>
            <PhaseBadge phase={call.phase} />
          </div>
          <CallNotices call={call} />
          <ProblemAlert problem={problem} />
        </section>
        {call.phase === 'ended' && !isDoctor ? <VisitOutcome bookingId={id} /> : null}
        <div className="call">
          <CallStage
            call={call}
            other={isDoctor ? 'patient' : 'doctor'}
            after={
              <Link className="button button--primary" to={back}>
                {isDoctor ? 'Back' : 'Back to the booking'}
              </Link>
            }
          >
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                call.leave();
                navigate(back);
              }}
            >
              Leave
            </button>
            {isDoctor ? (
              <button type="button" className="button button--danger" onClick={end} disabled={ending}>
                {ending ? 'Ending…' : 'End consultation'}
              </button>
            ) : null}
          </CallStage>
          <Chat call={call} disabled={over || !call.role} />
        </div>
      </main>
    </>
  );
}
