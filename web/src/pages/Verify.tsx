import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { fieldErrorMap, isMfaChallenge, otherFieldErrors, requestOtp, verifyOtp } from '../api';
import { AuthCard, Field, Notice, ProblemAlert, SubmitButton } from '../components/ui';
import { useSubmit } from '../components/useSubmit';

const FIELDS = ['identifier', 'code'] as const;

export default function Verify() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [identifier, setIdentifier] = useState(params.get('identifier') ?? '');
  const [code, setCode] = useState('');
  const [resent, setResent] = useState(false);
  const { busy, problem, onSubmit, run } = useSubmit();
  const errors = fieldErrorMap(problem);
  const knownIdentifier = params.get('identifier');

  const submit = onSubmit(async () => {
    const r = await verifyOtp(identifier.trim(), code.trim(), 'verify_contact');
    if (isMfaChallenge(r)) {
      navigate('/signin', { replace: true, state: { verified: true, identifier: identifier.trim() } });
    } else if ('access_token' in r) {
      navigate('/', { replace: true });
    } else {
      navigate('/signin', { replace: true, state: { verified: true, identifier: identifier.trim() } });
    }
  });

  const resend = () =>
    run(async () => {
      setResent(false);
      await requestOtp(identifier.trim(), 'verify_contact');
      setResent(true);
    });

  return (
    <AuthCard
      title={knownIdentifier && !knownIdentifier.includes('@') ? 'Check your phone' : 'Check your email'}
      subtitle={
        knownIdentifier ? (
          <>
            We sent a 6-digit code to <strong>{knownIdentifier}</strong>. Enter it to finish creating your account.
          </>
        ) : (
          'Enter the 6-digit code we sent you to finish creating your account.'
        )
      }
      footer={
        <p>
          <Link to="/signin">Back to sign in</Link>
        </p>
      }
    >
      <form onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} extra={otherFieldErrors(problem, FIELDS)} />
        {resent ? <Notice tone="success">We sent a new code.</Notice> : null}
        {knownIdentifier ? null : (
          <Field label="Email or phone" name="identifier" autoComplete="username" required value={identifier} onChange={(e) => setIdentifier(e.target.value)} error={errors.identifier} />
        )}
        <Field
          label="Verification code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\s+/g, ''))}
          error={errors.code}
        />
        <SubmitButton busy={busy} busyLabel="Verifying…">
          Verify and continue
        </SubmitButton>
        <button type="button" className="button button--link" onClick={resend} disabled={busy || !identifier.trim()}>
          Send a new code
        </button>
      </form>
    </AuthCard>
  );
}
