// The consultation's video call, for the patient and the doctor (the doctor's workspace links here, with
// `?return=<path>` to come back to). The doctor also ends the consultation from here.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { AppHeader, useLoader } from '../components/account';
import { useCall, type CallPhase } from '../components/useCall';
import { ProblemAlert } from '../components/ui';
import { browserTimeZone, formatTime, safeReturnPath, type ChatMessage } from '../consultations';
import { endConsultation, getBooking } from '../consultationsApi';
import '../consult.css';

const PHASE_LABELS: Record<CallPhase, string> = {
  preparing: 'Starting',
  'not-started': 'Not started',
  waiting: 'Waiting',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  ended: 'Ended',
  left: 'Left',
  failed: 'Disconnected',
};

function statusText(phase: CallPhase, other: string): string | null {
  switch (phase) {
    case 'preparing':
      return 'Starting your camera…';
    case 'not-started':
      return 'The consultation has not started yet. The doctor starts it at the booked time; this page joins by itself.';
    case 'waiting':
      return `Waiting for the ${other} to join…`;
    case 'connecting':
      return `Connecting to the ${other}…`;
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return 'The consultation has ended.';
    case 'left':
      return 'You left the call.';
    case 'failed':
      return 'The call could not continue.';
    default:
      return null;
  }
}

export default function VideoCall() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const booking = useLoader((signal) => getBooking(id, signal), [id]);
  const call = useCall(id);
  const isDoctor = call.role === 'doctor';
  const other = isDoctor ? 'patient' : 'doctor';
  const back = safeReturnPath(params.get('return'), isDoctor ? '/' : `/bookings/${encodeURIComponent(id)}`);
  const [ending, setEnding] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const b = booking.data;
  const otherName = b ? (isDoctor ? b.patient.name : b.doctor.name) : null;
  const over = call.phase === 'ended' || call.phase === 'left' || call.phase === 'failed';

  const end = async () => {
    if (!window.confirm('End the consultation for both of you?')) return;
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
            <span className={`badge ${call.phase === 'connected' ? 'badge--ok' : 'badge--kind'}`} data-testid="call-phase" data-phase={call.phase}>
              {PHASE_LABELS[call.phase]}
            </span>
          </div>
          {call.mediaWarning ? (
            <div className="alert alert--warning" role="status">
              <p>{call.mediaWarning}</p>
            </div>
          ) : null}
          {call.message ? <p className="muted" role="status">{call.message}</p> : null}
          <ProblemAlert problem={problem} />
        </section>
        <div className="call">
          <section aria-label="Video">
            <div className="stage">
              <RemoteVideo stream={call.remote} />
              {over ? null : <LocalVideo stream={call.local} />}
              {call.phase !== 'connected' ? <p className="stage__status">{statusText(call.phase, other)}</p> : null}
            </div>
            <div className="controls">
              {!over ? (
                <>
                  <button type="button" className="button button--secondary" aria-pressed={!call.micOn} onClick={call.toggleMic} disabled={!call.local}>
                    {call.micOn ? 'Mute' : 'Unmute'}
                  </button>
                  <button type="button" className="button button--secondary" aria-pressed={!call.camOn} onClick={call.toggleCam} disabled={!call.local}>
                    {call.camOn ? 'Turn camera off' : 'Turn camera on'}
                  </button>
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
                </>
              ) : (
                <Link className="button button--primary" to={back}>
                  {isDoctor ? 'Back' : 'Back to the booking'}
                </Link>
              )}
            </div>
          </section>
          <Chat messages={call.chat} role={call.role} onSend={call.sendChat} disabled={over || !call.role} />
        </div>
      </main>
    </>
  );
}

function LocalVideo({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = stream;
    if (stream) void v.play().catch(() => undefined);
  }, [stream]);
  return <video ref={ref} className="stage__local" data-testid="local-video" autoPlay playsInline muted aria-label="Your camera" />;
}

/** The other side. A browser that will not play sound without a click first plays it muted, with a button. */
function RemoteVideo({ stream }: { stream: MediaStream | null }) {
  const ref = useRef<HTMLVideoElement>(null);
  const [needsSound, setNeedsSound] = useState(false);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = stream;
    if (!stream) return;
    v.muted = false;
    v.play().catch(() => {
      v.muted = true;
      setNeedsSound(true);
      void v.play().catch(() => undefined);
    });
  }, [stream]);
  return (
    <>
      <video ref={ref} className="stage__remote" data-testid="remote-video" autoPlay playsInline aria-label="The other side's camera" />
      {needsSound && stream ? (
        <button
          type="button"
          className="button button--primary button--small"
          style={{ position: 'absolute', left: '0.75rem', top: '0.75rem' }}
          onClick={() => {
            if (ref.current) {
              ref.current.muted = false;
              void ref.current.play().catch(() => undefined);
            }
            setNeedsSound(false);
          }}
        >
          Turn on sound
        </button>
      ) : null}
    </>
  );
}

function Chat({ messages, role, onSend, disabled }: { messages: ChatMessage[]; role: string | null; onSend: (t: string) => boolean; disabled: boolean }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const log = useRef<HTMLOListElement>(null);
  const tz = browserTimeZone();
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [messages.length]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    if (t.length > 2000) {
      setError('Messages are at most 2000 characters.');
      return;
    }
    if (onSend(t)) {
      setText('');
      setError(null);
    } else setError('Not connected. Try again in a moment.');
  };
  return (
    <section className="panel chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">Chat</h2>
      <ol className="chat__log" ref={log} aria-live="polite" data-testid="chat-log">
        {messages.length === 0 ? <li className="muted">Messages you send here are kept with the consultation.</li> : null}
        {messages.map((m) => (
          <li key={m.id} className={`chat__msg${m.from === role ? ' chat__msg--mine' : ''}`} data-testid="chat-message">
            <span className="chat__who">
              {m.from === role ? 'You' : m.from === 'doctor' ? 'Doctor' : 'Patient'} · {formatTime(m.at, tz)}
            </span>
            {m.text}
          </li>
        ))}
      </ol>
      {error ? <p className="field__error">{error}</p> : null}
      <form onSubmit={submit} aria-label="Send a chat message">
        <input aria-label="Message" value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} disabled={disabled} />
        <button type="submit" className="button button--primary" disabled={disabled || !text.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}
