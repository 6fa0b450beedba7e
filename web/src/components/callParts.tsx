// The pieces of a video call shown on the call page (patient and doctor) and in the doctor's consultation
// workspace: the stage (the other side's video, one's own camera, the call's state), the mic / camera controls,
// and the in-call chat. The connection itself lives in useCall; these only show it.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { browserTimeZone, formatTime, type ChatMessage } from '../consultations';
import type { CallPhase, useCall } from './useCall';

export type Call = ReturnType<typeof useCall>;

export const PHASE_LABELS: Record<CallPhase, string> = {
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

export function isOver(phase: CallPhase): boolean {
  return phase === 'ended' || phase === 'left' || phase === 'failed';
}

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

export function PhaseBadge({ phase }: { phase: CallPhase }) {
  return (
    <span className={`badge ${phase === 'connected' ? 'badge--ok' : 'badge--kind'}`} data-testid="call-phase" data-phase={phase}>
      {PHASE_LABELS[phase]}
    </span>
  );
}

/** The camera / microphone warning and the call's last message (e.g. "The patient left the call."). */
export function CallNotices({ call }: { call: Call }) {
  return (
    <>
      {call.mediaWarning ? (
        <div className="alert alert--warning" role="status">
          <p>{call.mediaWarning}</p>
        </div>
      ) : null}
      {call.message ? (
        <p className="muted" role="status" data-testid="call-message">
          {call.message}
        </p>
      ) : null}
    </>
  );
}

/** The videos and, while the call is up, Mute / camera plus the page's own buttons (`children`). */
export function CallStage({ call, other, children, after }: { call: Call; other: string; children?: ReactNode; after?: ReactNode }) {
  const over = isOver(call.phase);
  return (
    <section aria-label="Video">
      <div className={`stage${over ? ' stage--over' : ''}`}>
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
            {children}
          </>
        ) : (
          after
        )}
      </div>
    </section>
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
          className="button button--primary button--small stage__sound"
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

export function Chat({ call, disabled }: { call: Call; disabled: boolean }) {
  const { chat: messages, role, sendChat: onSend } = call;
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
        {messages.map((m: ChatMessage) => (
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
