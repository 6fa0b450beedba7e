import { useEffect, useState, type CSSProperties } from 'react';

// Shown while the session's refresh keeps failing for a passing reason (the server busy or rate-limiting,
// the network down): the person is still signed in, and sees that the app is trying again.
// Styled inline so that it needs nothing from the shared stylesheet.
const style: CSSProperties = {
  position: 'fixed',
  insetInline: 0,
  top: 0,
  zIndex: 1000,
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.5rem 1rem',
  alignItems: 'center',
  justifyContent: 'center',
  padding: '0.5rem 1rem',
  background: '#fff4ce',
  color: '#3d2e00',
  borderBottom: '1px solid #d8b54a',
  fontSize: '0.95rem',
};

const buttonStyle: CSSProperties = { font: 'inherit', padding: '0.15rem 0.75rem', cursor: 'pointer' };

export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export function ReconnectingNotice({ retryAt, onRetryNow }: { retryAt: number; onRetryNow: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  const seconds = secondsUntil(retryAt, now);
  return (
    <div role="status" aria-live="polite" data-testid="reconnecting-notice" style={style}>
      <span>
        <strong>Reconnecting…</strong> You are still signed in.{' '}
        {seconds > 0 ? `Trying again in ${seconds} s.` : 'Trying again now.'}
      </span>
      <button type="button" style={buttonStyle} onClick={onRetryNow}>
        Try now
      </button>
    </div>
  );
}
