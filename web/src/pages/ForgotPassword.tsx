import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { fieldErrorMap, forgotPassword, otherFieldErrors, resetPassword } from '../api';
import { AuthCard, Field, Notice, PASSWORD_POLICY, ProblemAlert, SubmitButton } from '../components/ui';
import { useSubmit } from '../components/useSubmit';

type Step = 'identify' | 'reset' | 'done';
const FIELDS = ['identifier', 'code', 'new_password'] as const;

export default function ForgotPassword() {
  const location = useLocation();
  const initial = (location.state as { identifier?: string } | null)?.identifier ?? '';
  const [step, setStep] = useState<Step>('identify');
  const [identifier, setIdentifier] = useState(initial);
  const [code, setCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const { busy, problem, setProblem, onSubmit } = useSubmit();
  const errors = fieldErrorMap(problem);

  const submitIdentify = onSubmit(async () => {
    await forgotPassword(identifier.trim());
    setStep('reset');
  });
  const submitReset = onSubmit(async () => {
    await resetPassword(identifier.trim(), code.trim(), newPassword);
    setStep('done');
  });

  return (
    <AuthCard
      title={step === 'done' ? 'Password changed' : 'Reset your password'}
      subtitle={step === 'identify' ? 'Enter the email or phone on your account and we will send you a code.' : undefined}
      footer={
        <p>
          <Link to="/signin">Back to sign in</Link>
        </p>
      }
    >
      <ProblemAlert problem={problem} extra={otherFieldErrors(problem, FIELDS)} />

      {step === 'identify' ? (
        <form onSubmit={submitIdentify} noValidate>
          <Field label="Email or phone" name="identifier" autoComplete="username" required value={identifier} onChange={(e) => setIdentifier(e.target.value)} error={errors.identifier} />
          <SubmitButton busy={busy} busyLabel="Sending…">
            Send code
          </SubmitButton>
        </form>
      ) : null}

      {step === 'reset' ? (
        <form onSubmit={submitReset} noValidate>
          <Notice>If an account exists, we sent a code to {identifier.trim()}.</Notice>
          <Field
            label="Code"
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
          <Field
            label="New password"
            name="new_password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            hint={PASSWORD_POLICY}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            error={errors.new_password}
          />
          <SubmitButton busy={busy} busyLabel="Saving…">
            Set new password
          </SubmitButton>
          <button
            type="button"
            className="button button--link"
            onClick={() => {
              setProblem(null);
              setStep('identify');
            }}
          >
            Use a different email or phone
          </button>
        </form>
      ) : null}

      {step === 'done' ? (
        <>
          <Notice tone="success">Your password has been reset. You can now sign in with your new password.</Notice>
          <Link className="button button--primary" to="/signin" state={{ identifier: identifier.trim(), passwordReset: true }}>
            Sign in
          </Link>
        </>
      ) : null}
    </AuthCard>
  );
}
