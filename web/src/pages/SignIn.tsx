import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import {
  fieldErrorMap,
  getMeta,
  isMfaChallenge,
  isUnverifiedProblem,
  login,
  loginMfa,
  otherFieldErrors,
  requestOtp,
  verifyOtp,
  type LoginResult,
} from '../api';
import { AuthCard, Checkbox, Field, Notice, ProblemAlert, SubmitButton } from '../components/ui';
import { useSubmit } from '../components/useSubmit';
import { safeReturnPath } from '../consultations';

type Step = 'password' | 'mfa' | 'code-request' | 'code-enter';

interface SignInState {
  from?: string;
  mfaEnrolled?: boolean;
  identifier?: string;
  verified?: boolean;
  passwordReset?: boolean;
}

const FIELDS = ['identifier', 'password', 'code', 'mfa_token'] as const;

export default function SignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as SignInState;
  const [step, setStep] = useState<Step>('password');
  const [identifier, setIdentifier] = useState(state.identifier ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [mfaToken, setMfaToken] = useState('');
  const [code, setCode] = useState('');
  const [demo, setDemo] = useState(false);
  const { busy, problem, setProblem, onSubmit } = useSubmit();
  const errors = fieldErrorMap(problem);

  useEffect(() => {
    const ac = new AbortController();
    getMeta(ac.signal)
      .then((m) => setDemo(m.demo === true))
      .catch(() => undefined);
    return () => ac.abort();
  }, []);

  const finish = (r: LoginResult) => {
    if (isMfaChallenge(r)) {
      setMfaToken(r.mfa_token);
      setCode('');
      setStep('mfa');
      return;
    }
    navigate(safeReturnPath(state.from, '/'), { replace: true });
  };

  const go = (next: Step) => {
    setProblem(null);
    setCode('');
    setStep(next);
  };

  const submitPassword = onSubmit(async () => finish(await login(identifier.trim(), password, remember)));
  const submitMfa = onSubmit(async () => finish(await loginMfa(mfaToken, code.trim())));
  const submitCodeRequest = onSubmit(async () => {
    await requestOtp(identifier.trim(), 'login');
    setStep('code-enter');
  });
  const submitCode = onSubmit(async () => finish(await verifyOtp(identifier.trim(), code.trim(), 'login', remember)));

  const unverified = isUnverifiedProblem(problem);

  return (
    <AuthCard
      title={step === 'mfa' ? 'Two-step verification' : 'Sign in to Kiorex'}
      subtitle={
        step === 'mfa'
          ? 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.'
          : step === 'password'
            ? 'Welcome back. Sign in with your email or phone.'
            : 'We will send a one-time sign-in code to your email or phone.'
      }
      footer={
        <p>
          New to Kiorex? <Link to="/signup">Create an account</Link>
        </p>
      }
    >
      {state.verified && step === 'password' ? <Notice tone="success">Your account is verified. Please sign in.</Notice> : null}
      {state.mfaEnrolled && step === 'password' ? (
        <Notice tone="success">Your authenticator is set up. Sign in again to continue.</Notice>
      ) : null}
      {state.passwordReset && step === 'password' ? <Notice tone="success">Your password was changed. Sign in with your new password.</Notice> : null}
      <ProblemAlert problem={problem} extra={otherFieldErrors(problem, FIELDS)} />
      {unverified && identifier.trim() ? (
        <p className="muted">
          <Link to={`/verify?identifier=${encodeURIComponent(identifier.trim())}`}>Enter your verification code</Link>
        </p>
      ) : null}

      {step === 'password' ? (
        <form onSubmit={submitPassword} noValidate>
          <Field label="Email or phone" name="identifier" autoComplete="username" required value={identifier} onChange={(e) => setIdentifier(e.target.value)} error={errors.identifier} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
          <div className="row row--between">
            <Checkbox label="Remember this device" name="remember_device" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            <Link to="/forgot-password" state={{ identifier: identifier.trim() }}>
              Forgot password?
            </Link>
          </div>
          <SubmitButton busy={busy} busyLabel="Signing in…">
            Sign in
          </SubmitButton>
          <button type="button" className="button button--secondary" onClick={() => go('code-request')}>
            Sign in with a code instead
          </button>
        </form>
      ) : null}

      {step === 'mfa' ? (
        <form onSubmit={submitMfa} noValidate>
          <Field
            label="Authentication code"
            name="code"
            autoComplete="one-time-code"
            required
            autoFocus
            hint="6 digits from your authenticator app, or a recovery code."
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={errors.code}
          />
          <SubmitButton busy={busy} busyLabel="Checking…">
            Verify
          </SubmitButton>
          <button type="button" className="button button--link" onClick={() => go('password')}>
            Start over
          </button>
        </form>
      ) : null}

      {step === 'code-request' ? (
        <form onSubmit={submitCodeRequest} noValidate>
          <Field label="Email or phone" name="identifier" autoComplete="username" required value={identifier} onChange={(e) => setIdentifier(e.target.value)} error={errors.identifier} />
          <Checkbox label="Remember this device" name="remember_device" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          <SubmitButton busy={busy} busyLabel="Sending…">
            Send me a code
          </SubmitButton>
          <button type="button" className="button button--link" onClick={() => go('password')}>
            Sign in with a password instead
          </button>
        </form>
      ) : null}

      {step === 'code-enter' ? (
        <form onSubmit={submitCode} noValidate>
          <Notice>If an account exists for {identifier.trim()}, we sent it a 6-digit code.</Notice>
          <Field
            label="Sign-in code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\s+/g, ''))}
            error={errors.code}
          />
          <SubmitButton busy={busy} busyLabel="Signing in…">
            Sign in
          </SubmitButton>
          <button type="button" className="button button--link" onClick={() => go('password')}>
            Sign in with a password instead
          </button>
        </form>
      ) : null}

      {demo && step === 'password' ? (
        <aside className="demo" aria-label="Demo accounts">
          <h2>Demo accounts</h2>
          <p className="muted">This server runs with demo data.</p>
          <ul>
            <li>
              <code>patient@kiorex.test</code> / <code>Patient-Demo-2026</code>
            </li>
            <li>
              <code>doctor@kiorex.test</code> / <code>Doctor-Demo-2026</code>
            </li>
            <li>
              <code>admin@kiorex.test</code> / <code>Admin-Demo-2026</code> (authenticator secret{' '}
              <code>KIOREXDEMOADMINTOTPSECRETAAAAAAA</code>)
            </li>
          </ul>
        </aside>
      ) : null}
    </AuthCard>
  );
}
