import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fieldErrorMap, isProvider, totpConfirm, totpSetup, type TotpSetup, type User } from '../api';
import { useAuth } from '../auth';
import { AppHeader } from '../components/account';
import { AccountCard } from '../components/dashboard/AccountCard';
import { AdminHome } from '../components/dashboard/AdminHome';
import { DoctorHome } from '../components/dashboard/DoctorHome';
import { PatientHome } from '../components/dashboard/PatientHome';
import { SupportHome } from '../components/dashboard/SupportHome';
import '../components/dashboard/dashboard.css';
import '../practice.css';
import { Field, Notice, ProblemAlert, SubmitButton } from '../components/ui';
import { useSubmit } from '../components/useSubmit';

// The signed-in person's dashboard, per role (components/dashboard/*), then the account and its security.
// An admin whose session only allows setting up two-step sign-in sees just that.
const ROLE_TITLES: Record<string, string> = {
  patient: 'Your health at a glance',
  doctor: 'Your practice today',
  admin: 'Work queues',
  support: 'Support',
};

export default function Home() {
  const { user, mfaSetupRequired } = useAuth();
  if (!user) return null;

  return (
    <>
      <AppHeader />
      <main className="page page--wide">
        {mfaSetupRequired ? (
          <Notice tone="warning">
            Administrators must use two-step sign-in. Set up an authenticator app below to continue.
          </Notice>
        ) : null}
        <section className="panel" aria-labelledby="home-heading">
          <h1 id="home-heading">Signed in as {user.name}</h1>
          <p className="muted">{ROLE_TITLES[user.role] ?? 'Your account'}</p>
          <ProviderStatus user={user} />
        </section>
        {mfaSetupRequired ? null : <RoleDashboard role={user.role} />}
        <AccountCard user={user} />
        <SecuritySection user={user} />
      </main>
    </>
  );
}

function RoleDashboard({ role }: { role: string }) {
  switch (role) {
    case 'patient':
      return <PatientHome />;
    case 'doctor':
      return <DoctorHome />;
    case 'admin':
      return <AdminHome />;
    case 'support':
      return <SupportHome />;
    default:
      return null;
  }
}

// The account's verification state for providers. A doctor's "submitted / awaiting verification" state comes
// from the practice profile (the onboarding checklist): the account says "pending" from sign-up on, before
// anything was submitted, so it must not be shown as "awaiting verification".
function ProviderStatus({ user }: { user: User }) {
  if (!isProvider(user.role)) return null;
  switch (user.provider_verification) {
    case 'verified':
      return <Notice tone="success">Your provider account is verified.</Notice>;
    case 'rejected':
      return <Notice tone="warning">Your provider verification was not approved. Please contact support.</Notice>;
    default:
      // A doctor's checklist below says where they are.
      return user.role === 'doctor' ? null : <Notice tone="info">Provider accounts are verified by our team before patients can use them.</Notice>;
  }
}

function SecuritySection({ user }: { user: User }) {
  const { reloadUser, mfaSetupRequired, signOut } = useAuth();
  const navigate = useNavigate();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const { busy, problem, setProblem, run, onSubmit } = useSubmit();
  const errors = fieldErrorMap(problem);

  const start = () =>
    run(async () => {
      setSetup(await totpSetup());
      setCode('');
    });

  const confirm = onSubmit(async () => {
    const r = await totpConfirm(code.trim());
    setRecoveryCodes(r.recovery_codes);
    setSetup(null);
    await reloadUser().catch(() => undefined);
  });

  return (
    <section className="panel" aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
      <ProblemAlert problem={problem} />

      {recoveryCodes ? (
        <div className="recovery">
          <Notice tone="success">Authenticator app enabled. You will be asked for a code when you sign in.</Notice>
          <h3>Recovery codes</h3>
          <p>
            Save these codes somewhere safe. Each one signs you in once if you lose your phone.{' '}
            <strong>They are shown only now.</strong>
          </p>
          <ul className="codes" aria-label="Recovery codes">
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--secondary"
            onClick={async () => {
              if (mfaSetupRequired) {
                // The enrolment-only session can do nothing more: sign in again with the new authenticator.
                await signOut();
                navigate('/signin', { replace: true, state: { mfaEnrolled: true } });
              } else {
                setRecoveryCodes(null);
              }
            }}
          >
            I have saved my recovery codes
          </button>
        </div>
      ) : user.mfa_enabled ? (
        <p>
          <span className="badge badge--ok">On</span> Two-step sign-in with an authenticator app is enabled.
        </p>
      ) : setup ? (
        <div className="totp">
          <p>Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).</p>
          <img
            className="qr"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qr_svg)}`}
            alt="QR code for your authenticator app"
            width={200}
            height={200}
          />
          <p>
            Or enter this key by hand: <code className="secret" data-testid="totp-secret">{groupSecret(setup.secret)}</code>
          </p>
          <p className="muted">
            On this phone? <a href={setup.otpauth_uri}>Open it in your authenticator app</a>.
          </p>
          <form onSubmit={confirm} noValidate>
            <Field
              label="6-digit code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\s+/g, ''))}
              error={errors.code}
            />
            <div className="row">
              <SubmitButton busy={busy} busyLabel="Checking…">
                Turn on
              </SubmitButton>
              <button
                type="button"
                className="button button--link"
                onClick={() => {
                  setSetup(null);
                  setProblem(null);
                }}
              >
                Cancel
              </button>
            </div>
          </form>
        </div>
      ) : (
        <>
          <p>
            <span className="badge badge--warn">Off</span> Protect your account with a code from an authenticator app
            each time you sign in.
          </p>
          <button type="button" className="button button--primary" onClick={start} disabled={busy}>
            {busy ? 'Preparing…' : 'Enable authenticator app'}
          </button>
        </>
      )}
    </section>
  );
}

function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
