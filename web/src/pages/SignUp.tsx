import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { fieldErrorMap, otherFieldErrors, register } from '../api';
import { AuthCard, Field, PASSWORD_POLICY, ProblemAlert, SelectField, SubmitButton } from '../components/ui';
import { useSubmit } from '../components/useSubmit';

const PROVIDER_OPTIONS: { value: string; label: string }[] = [
  { value: 'doctor', label: 'Doctor' },
  { value: 'nurse', label: 'Nurse' },
  { value: 'lab', label: 'Lab' },
  { value: 'pharmacy', label: 'Pharmacy' },
  { value: 'hospital', label: 'Hospital' },
];

const FIELDS = ['name', 'email', 'phone', 'password', 'role'] as const;

export default function SignUp() {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('patient');
  const { busy, problem, onSubmit } = useSubmit();
  const errors = fieldErrorMap(problem);

  const submit = onSubmit(async () => {
    const trimmedEmail = email.trim();
    const trimmedPhone = phone.trim();
    await register({
      name: name.trim(),
      email: trimmedEmail || undefined,
      phone: trimmedPhone || undefined,
      password,
      role,
    });
    // The code goes to the email when there is one, else by SMS to the phone.
    navigate(`/verify?identifier=${encodeURIComponent(trimmedEmail || trimmedPhone)}`);
  });

  return (
    <AuthCard
      title="Create your Kiorex account"
      subtitle="Book doctors, lab tests and medicines in one place."
      footer={
        <p>
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      }
    >
      <form onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} extra={otherFieldErrors(problem, FIELDS)} />
        <Field label="Full name" name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <Field
          label="Phone (optional)"
          name="phone"
          type="tel"
          autoComplete="tel"
          hint="With country code, for example +91 98765 43210."
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={errors.phone}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={PASSWORD_POLICY}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <SelectField label="Account type" name="role" value={role} onChange={(e) => setRole(e.target.value)} error={errors.role}>
          <option value="patient">Patient</option>
          <optgroup label="Provider, verified by our team">
            {PROVIDER_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </optgroup>
        </SelectField>
        {role !== 'patient' ? (
          <p className="muted">
            Provider accounts are verified by our team: we will check your registration details before patients can book
            you.
          </p>
        ) : null}
        <SubmitButton busy={busy} busyLabel="Creating account…">
          Create account
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
