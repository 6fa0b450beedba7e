import { useState, type FormEvent } from 'react';
import { isCredentialProblem, problemMessage, toProblem, type Problem } from '../api';
import { AppHeader, LoadProblem, MemberSwitcher, PanelHead, useLoader, useSubject } from '../components/account';
import { Field, Notice, ProblemAlert, SelectField, SubmitButton } from '../components/ui';
import {
  ageOn,
  BLOOD_GROUPS,
  fieldErrors,
  formatDate,
  isPreconditionFailed,
  LANGUAGES,
  normalizePhone,
  profilePatch,
  profileToForm,
  SEX_OPTIONS,
  todayIso,
  unshownErrors,
  validateCode,
  validateContactChange,
  validateProfile,
  validationProblem,
  type ContactChannel,
  type Profile as ProfileData,
  type ProfileForm,
} from '../users';
import { getProfile, updateProfile, verifyContact, type Versioned } from '../usersApi';

const CONFLICT_MESSAGE =
  'Your profile was changed on another device while you were editing. We loaded the latest version: please check it and make your change again.';

const PROFILE_FIELDS = [
  'name',
  'date_of_birth',
  'sex',
  'preferred_language',
  'blood_group',
  'height_cm',
  'weight_kg',
  'address',
  'address.line1',
  'address.line2',
  'address.city',
  'address.region',
  'address.postal_code',
  'address.country',
] as const;

export default function Profile() {
  const subject = useSubject();
  const { forId } = subject;
  const { data: current, setData: setCurrent, problem: loadProblem, loading } = useLoader(
    (signal) => getProfile(forId, signal),
    [forId],
  );
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const profile = current?.data ?? null;
  const title = subject.isSelf ? 'Your profile' : `${subject.name ?? profile?.name ?? 'This person'}'s profile`;

  /** After a 412: show the latest version and say why. */
  const reloadAfterConflict = async (): Promise<Versioned<ProfileData> | null> => {
    setSaved(null);
    try {
      const fresh = await getProfile(forId);
      setCurrent(fresh); // the message and the latest version appear together
      return fresh;
    } catch {
      return null;
    } finally {
      setConflict(true);
    }
  };

  return (
    <>
      <AppHeader />
      <main className="page">
        <MemberSwitcher subject={subject} fallbackName={profile?.name} />
        <section className="panel" aria-labelledby="profile-heading">
          <PanelHead id="profile-heading" level={1} title={title}>
            {profile && !editing && subject.canWrite ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setEditing(true);
                  setSaved(null);
                  setConflict(false);
                }}
              >
                Edit profile
              </button>
            ) : null}
          </PanelHead>
          {conflict ? (
            <div className="alert alert--warning" role="alert">
              <p>{CONFLICT_MESSAGE}</p>
            </div>
          ) : null}
          {saved ? <Notice tone="success">{saved}</Notice> : null}
          <LoadProblem problem={loadProblem} what="this profile" />
          {loading && !profile ? (
            <p className="muted" role="status">
              Loading…
            </p>
          ) : null}
          {profile && !editing ? <ProfileFacts profile={profile} /> : null}
          {current && editing ? (
            <ProfileEditor
              key={`${current.data.id}:${current.data.version}`}
              current={current}
              forId={forId}
              onSaved={(v, changed) => {
                setCurrent(v);
                setEditing(false);
                setConflict(false);
                setSaved(changed ? 'Your changes were saved.' : 'Nothing changed.');
              }}
              onCancel={() => {
                setEditing(false);
                setConflict(false);
              }}
              onConflict={reloadAfterConflict}
            />
          ) : null}
        </section>
        {current ? (
          <ContactSection
            current={current}
            forId={forId}
            canWrite={subject.canWrite}
            onChange={(v) => {
              setCurrent(v);
              setConflict(false);
            }}
            onConflict={reloadAfterConflict}
          />
        ) : null}
      </main>
    </>
  );
}

function NotSet() {
  return <span className="muted">Not set</span>;
}

function ProfileFacts({ profile }: { profile: ProfileData }) {
  const age = ageOn(profile.date_of_birth);
  const sex = SEX_OPTIONS.find((o) => o.value === profile.sex)?.label ?? profile.sex;
  const language = LANGUAGES.find((l) => l.value === profile.preferred_language)?.label ?? profile.preferred_language;
  const a = profile.address;
  const addressLines = a
    ? [a.line1, a.line2, [a.city, a.region, a.postal_code].filter(Boolean).join(', '), a.country].filter((x) => x && String(x).trim())
    : [];
  return (
    <dl className="facts" data-testid="profile-facts">
      <div>
        <dt>Name</dt>
        <dd data-testid="profile-name">{profile.name}</dd>
      </div>
      <div>
        <dt>Date of birth</dt>
        <dd data-testid="profile-dob">
          {profile.date_of_birth ? (
            <>
              {formatDate(profile.date_of_birth)}
              {age !== null ? <span className="muted"> · {age} years</span> : null}
            </>
          ) : (
            <NotSet />
          )}
        </dd>
      </div>
      <div>
        <dt>Sex</dt>
        <dd>{sex ? sex : <NotSet />}</dd>
      </div>
      <div>
        <dt>Preferred language</dt>
        <dd>{language ? language : <NotSet />}</dd>
      </div>
      <div>
        <dt>Blood group</dt>
        <dd data-testid="profile-blood-group">{profile.blood_group ?? <NotSet />}</dd>
      </div>
      <div>
        <dt>Height</dt>
        <dd data-testid="profile-height">{profile.height_cm != null ? `${profile.height_cm} cm` : <NotSet />}</dd>
      </div>
      <div>
        <dt>Weight</dt>
        <dd data-testid="profile-weight">{profile.weight_kg != null ? `${profile.weight_kg} kg` : <NotSet />}</dd>
      </div>
      <div className="facts__wide">
        <dt>Address</dt>
        <dd data-testid="profile-address">
          {addressLines.length > 0 ? (
            <address>
              {addressLines.map((l, i) => (
                <span key={i} className="line">
                  {l}
                </span>
              ))}
            </address>
          ) : (
            <NotSet />
          )}
        </dd>
      </div>
    </dl>
  );
}

function ProfileEditor({
  current,
  forId,
  onSaved,
  onCancel,
  onConflict,
}: {
  current: Versioned<ProfileData>;
  forId: string | null;
  onSaved: (v: Versioned<ProfileData>, changed: boolean) => void;
  onCancel: () => void;
  onConflict: () => Promise<unknown>;
}) {
  const [form, setForm] = useState<ProfileForm>(() => profileToForm(current.data));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const set = (k: keyof ProfileForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const languageKnown = LANGUAGES.some((l) => l.value === form.preferred_language);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateProfile(form));
    setProblem(invalid);
    if (invalid) return;
    const patch = profilePatch(current.data, form);
    if (Object.keys(patch).length === 0) {
      onSaved(current, false);
      return;
    }
    setBusy(true);
    try {
      onSaved(await updateProfile(forId, current.etag, patch), true);
    } catch (err) {
      const p = toProblem(err);
      if (isPreconditionFailed(p)) {
        await onConflict(); // remounts this form with the latest version
        return;
      }
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit profile">
      <ProblemAlert problem={problem} extra={unshownErrors(problem, PROFILE_FIELDS)} />
      <Field label="Full name" name="name" autoComplete="name" required value={form.name} onChange={set('name')} error={errors.name} />
      <div className="grid-2">
        <Field
          label="Date of birth"
          name="date_of_birth"
          type="date"
          autoComplete="bday"
          max={todayIso()}
          value={form.date_of_birth}
          onChange={set('date_of_birth')}
          error={errors.date_of_birth}
        />
        <SelectField label="Sex" name="sex" value={form.sex} onChange={set('sex')} error={errors.sex}>
          <option value="">Not set</option>
          {SEX_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Preferred language"
          name="preferred_language"
          value={form.preferred_language}
          onChange={set('preferred_language')}
          error={errors.preferred_language}
        >
          <option value="">Not set</option>
          {LANGUAGES.map((l) => (
            <option key={l.value} value={l.value} lang={l.value}>
              {l.label}
            </option>
          ))}
          {!languageKnown && form.preferred_language ? <option value={form.preferred_language}>{form.preferred_language}</option> : null}
        </SelectField>
        <SelectField label="Blood group" name="blood_group" value={form.blood_group} onChange={set('blood_group')} error={errors.blood_group}>
          <option value="">Not known</option>
          {BLOOD_GROUPS.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </SelectField>
        <Field
          label="Height (cm)"
          name="height_cm"
          inputMode="decimal"
          value={form.height_cm}
          onChange={set('height_cm')}
          error={errors.height_cm}
        />
        <Field
          label="Weight (kg)"
          name="weight_kg"
          inputMode="decimal"
          value={form.weight_kg}
          onChange={set('weight_kg')}
          error={errors.weight_kg}
        />
      </div>
      <fieldset className="fieldset">
        <legend>Address</legend>
        {errors.address ? <p className="field__error">{errors.address}</p> : null}
        <Field label="Address line 1" name="line1" autoComplete="address-line1" value={form.line1} onChange={set('line1')} error={errors['address.line1']} />
        <Field
          label="Address line 2 (optional)"
          name="line2"
          autoComplete="address-line2"
          value={form.line2}
          onChange={set('line2')}
          error={errors['address.line2']}
        />
        <div className="grid-2">
          <Field label="City" name="city" autoComplete="address-level2" value={form.city} onChange={set('city')} error={errors['address.city']} />
          <Field label="State or region" name="region" autoComplete="address-level1" value={form.region} onChange={set('region')} error={errors['address.region']} />
          <Field
            label="Postal code"
            name="postal_code"
            autoComplete="postal-code"
            value={form.postal_code}
            onChange={set('postal_code')}
            error={errors['address.postal_code']}
          />
          <Field
            label="Country (2-letter code)"
            name="country"
            autoComplete="country"
            placeholder="IN"
            maxLength={2}
            value={form.country}
            onChange={(e) => setForm((f) => ({ ...f, country: e.target.value.toUpperCase() }))}
            error={errors['address.country']}
          />
        </div>
      </fieldset>
      <div className="row">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Save changes
        </SubmitButton>
        <button type="button" className="button button--link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ContactSection({
  current,
  forId,
  canWrite,
  onChange,
  onConflict,
}: {
  current: Versioned<ProfileData>;
  forId: string | null;
  canWrite: boolean;
  onChange: (v: Versioned<ProfileData>) => void;
  onConflict: () => Promise<Versioned<ProfileData> | null>;
}) {
  const p = current.data;
  return (
    <section className="panel" aria-labelledby="contact-heading">
      <h2 id="contact-heading">Email and phone</h2>
      <p className="muted">We send a code to a new address before it replaces the old one.</p>
      <div className="contact-list">
        <ContactChange channel="email" current={current} value={p.email} verified={p.email_verified} pending={p.pending_email} forId={forId} canWrite={canWrite} onChange={onChange} onConflict={onConflict} />
        <ContactChange channel="phone" current={current} value={p.phone} verified={p.phone_verified} pending={p.pending_phone} forId={forId} canWrite={canWrite} onChange={onChange} onConflict={onConflict} />
      </div>
    </section>
  );
}

function ContactChange({
  channel,
  current,
  value,
  verified,
  pending,
  forId,
  canWrite,
  onChange,
  onConflict,
}: {
  channel: ContactChannel;
  current: Versioned<ProfileData>;
  value: string | null;
  verified: boolean;
  pending: string | null;
  forId: string | null;
  canWrite: boolean;
  onChange: (v: Versioned<ProfileData>) => void;
  onConflict: () => Promise<Versioned<ProfileData> | null>;
}) {
  const label = channel === 'email' ? 'Email' : 'Phone';
  const [step, setStep] = useState<'idle' | 'enter' | 'code'>('idle');
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(problem);
  // A wrong or expired code (401 invalid-otp) belongs beside the code field, not in a summary.
  const codeProblem = problem && isCredentialProblem(problem) && !problem.errors?.length ? problemMessage(problem) : undefined;
  const awaitingCode = step === 'code' || (step === 'idle' && !!pending);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      const p = toProblem(err);
      if (isPreconditionFailed(p)) {
        await onConflict();
        setProblem({ ...p, detail: 'Your profile changed on another device. Please try again.' });
      } else {
        setProblem(p);
      }
    } finally {
      setBusy(false);
    }
  };

  const sendCode = (target: string) =>
    run(async () => {
      const invalid = validationProblem(validateContactChange(channel, target));
      if (invalid) {
        setProblem(invalid);
        return;
      }
      const v = channel === 'email' ? target.trim() : normalizePhone(target);
      const what = channel === 'email' ? 'email address' : 'phone number';
      if (value && (channel === 'email' ? v.toLowerCase() === value.toLowerCase() : v === value)) {
        setProblem(validationProblem([{ field: channel, message: `This is already your ${what}.` }]));
        return;
      }
      const r = await updateProfile(forId, current.etag, channel === 'email' ? { email: v } : { phone: v });
      onChange(r);
      setCode('');
      setDone(null);
      if (!(channel === 'email' ? r.data.pending_email : r.data.pending_phone)) {
        // Nothing waits for a code (the server found nothing to change).
        setStep('idle');
        setAddress('');
        setDone(`Your ${what} is ${(channel === 'email' ? r.data.email : r.data.phone) ?? v}.`);
        return;
      }
      setStep('code');
    });

  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const invalid = validationProblem(validateCode(code));
      if (invalid) {
        setProblem(invalid);
        return;
      }
      const r = await verifyContact(forId, channel, code.trim());
      onChange(r);
      setStep('idle');
      setAddress('');
      setDone(`Your ${channel === 'email' ? 'email address' : 'phone number'} is now ${channel === 'email' ? r.data.email : r.data.phone}.`);
    });
  };

  const pendingAddress = pending ?? (channel === 'email' ? address.trim() : normalizePhone(address));

  return (
    <div className="contact" data-testid={`contact-${channel}`}>
      <div className="contact__row">
        <div>
          <p className="contact__label">{label}</p>
          <p className="contact__value">
            {value ? (
              <>
                {value}{' '}
                <span className={`badge ${verified ? 'badge--ok' : 'badge--warn'}`}>{verified ? 'verified' : 'not verified'}</span>
              </>
            ) : (
              <NotSet />
            )}
          </p>
        </div>
        {canWrite && step === 'idle' && !awaitingCode ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setStep('enter');
              setProblem(null);
              setDone(null);
            }}
          >
            {value ? `Change ${channel}` : `Add ${channel}`}
          </button>
        ) : null}
      </div>
      {done ? <Notice tone="success">{done}</Notice> : null}

      {step === 'enter' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sendCode(address);
          }}
          noValidate
          aria-label={channel === 'email' ? 'Change your email' : 'Change your phone number'}
        >
          <ProblemAlert problem={problem} extra={unshownErrors(problem, [channel])} />
          <Field
            label={channel === 'email' ? 'New email' : 'New phone number'}
            name={channel}
            type={channel === 'email' ? 'email' : 'tel'}
            autoComplete={channel === 'email' ? 'email' : 'tel'}
            hint={channel === 'phone' ? 'With country code, for example +91 98765 43210.' : undefined}
            required
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            error={errors[channel]}
          />
          <div className="row">
            <SubmitButton busy={busy} busyLabel="Sending…">
              Send code
            </SubmitButton>
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                setStep('idle');
                setProblem(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      {awaitingCode && canWrite ? (
        <form onSubmit={confirm} noValidate aria-label={channel === 'email' ? 'Confirm your new email' : 'Confirm your new phone number'}>
          <Notice>
            We sent a 6-digit code to <strong>{pendingAddress}</strong>. Enter it to switch to this {channel === 'email' ? 'address' : 'number'}.
          </Notice>
          <ProblemAlert problem={codeProblem ? null : problem} extra={unshownErrors(problem, ['code', channel])} />
          <Field
            label={`Code sent to the new ${channel}`}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\s+/g, ''))}
            error={errors.code ?? errors[channel] ?? codeProblem}
          />
          <div className="row">
            <SubmitButton busy={busy} busyLabel="Checking…">
              Confirm
            </SubmitButton>
            <button type="button" className="button button--link" disabled={busy} onClick={() => void sendCode(pendingAddress)}>
              Send a new code
            </button>
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                setStep('enter');
                setAddress(pending ?? address);
                setProblem(null);
              }}
            >
              Use a different {channel === 'email' ? 'address' : 'number'}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
