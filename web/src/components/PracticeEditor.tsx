// The doctor's practice profile form: about, specialties, qualifications, registration, languages and
// conditions, consultation types with fees, clinic locations, and the time settings of the schedule.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import {
  CURRENCIES,
  emptyLocation,
  emptyQualification,
  GENDERS,
  isStale,
  practiceBody,
  SLOT_MINUTES,
  timeZoneOptions,
  validatePracticeForm,
  type DoctorProfile,
  type LocationForm,
  type PracticeForm,
  type QualificationForm,
  type Specialty,
} from '../practice';
import { saveMyPractice } from '../practiceApi';
import { fieldErrors, LANGUAGES, unshownErrors, validationProblem } from '../users';
import type { Versioned } from '../usersApi';
import { Checkbox, Field, ProblemAlert, SelectField, SubmitButton, TextAreaField } from './ui';

const MAX_SPECIALTIES = 5;
const MAX_LOCATIONS = 5;

function shownFields(f: PracticeForm): string[] {
  const out = [
    'gender', 'bio', 'specialties', 'registration.number', 'registration.council', 'experience_years', 'languages',
    'conditions', 'consultation_types', 'consultation_types.video.fee', 'consultation_types.clinic.fee', 'currency', 'locations',
    'time_zone', 'slot_minutes', 'follow_up_days',
  ];
  f.qualifications.forEach((_, i) => out.push(`qualifications.${i}.degree`, `qualifications.${i}.institution`, `qualifications.${i}.year`));
  f.locations.forEach((_, i) =>
    out.push(...['name', 'address.line1', 'address.city', 'address.region', 'address.postal_code', 'address.country', 'lat', 'lng'].map((k) => `locations.${i}.${k}`)),
  );
  return out;
}

export function PracticeEditor({
  name,
  initial,
  current,
  specialties,
  onSaved,
  onConflict,
}: {
  /** The account's name: what patients see. */
  name: string;
  initial: PracticeForm;
  current: Versioned<DoctorProfile> | null;
  specialties: Specialty[];
  onSaved: (v: Versioned<DoctorProfile>) => void;
  onConflict: () => Promise<void>;
}) {
  const [form, setForm] = useState<PracticeForm>(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const zones = timeZoneOptions(form.time_zone);
  const set = (k: keyof PracticeForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const feeOf = (type: 'video' | 'clinic') => errors[`consultation_types.${type}.fee`] ?? errors[`consultation_types.${type}.fee.amount`] ?? errors[`consultation_types.${type}`];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validatePracticeForm(form, specialties.length > 0 ? specialties.map((s) => s.id) : undefined));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      onSaved(await saveMyPractice(current?.etag ?? null, practiceBody(form)));
    } catch (err) {
      const p = toProblem(err);
      if (isStale(p)) {
        await onConflict();
        return;
      }
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (list: 'specialties' | 'languages', value: string, on: boolean) =>
    setForm((f) => ({ ...f, [list]: on ? [...f[list], value] : f[list].filter((v) => v !== value) }));

  return (
    <form onSubmit={submit} noValidate aria-label="Practice profile">
      <ProblemAlert problem={problem} extra={unshownErrors(problem, shownFields(form))} />

      <Section title="About you">
        <p data-testid="practice-name">
          Patients see you as <strong>{name}</strong>. <span className="muted">To change it, edit your name on the <Link to="/profile">Profile</Link> page.</span>
        </p>
        <div className="grid-2">
          <SelectField label="Gender" name="gender" value={form.gender} onChange={set('gender')} error={errors.gender}>
            <option value="">Choose…</option>
            {GENDERS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </SelectField>
          <Field
            label="Years of experience"
            name="experience_years"
            inputMode="numeric"
            value={form.experience_years}
            onChange={set('experience_years')}
            error={errors.experience_years}
          />
        </div>
        <TextAreaField
          label="Introduction (optional)"
          name="bio"
          hint="A few sentences about your practice, in your own words."
          maxLength={4000}
          rows={4}
          value={form.bio}
          onChange={set('bio')}
          error={errors.bio}
        />
      </Section>

      <Section title={`Specialties (1 to ${MAX_SPECIALTIES})`} error={errors.specialties}>
        <div className="checks">
          {specialties.map((s) => {
            const checked = form.specialties.includes(s.id);
            return (
              <Checkbox
                key={s.id}
                label={s.name}
                name="specialties"
                value={s.id}
                checked={checked}
                disabled={!checked && form.specialties.length >= MAX_SPECIALTIES}
                onChange={(e) => toggle('specialties', s.id, e.target.checked)}
              />
            );
          })}
        </div>
      </Section>

      <Section title="Registration and qualifications">
        <div className="grid-2">
          <Field
            label="Registration number"
            name="registration_number"
            maxLength={40}
            value={form.registration_number}
            onChange={set('registration_number')}
            error={errors['registration.number'] ?? errors.registration}
          />
          <Field
            label="Issuing council"
            name="registration_council"
            hint="For example: Delhi Medical Council"
            maxLength={120}
            value={form.registration_council}
            onChange={set('registration_council')}
            error={errors['registration.council']}
          />
        </div>
        <QualificationRows rows={form.qualifications} errors={errors} onChange={(qualifications) => setForm((f) => ({ ...f, qualifications }))} />
      </Section>

      <Section title="Languages and conditions" error={errors.languages}>
        <div className="checks" role="group" aria-label="Languages you consult in">
          {LANGUAGES.map((l) => (
            <Checkbox
              key={l.value}
              label={l.label}
              name="languages"
              value={l.value}
              lang={l.value}
              checked={form.languages.includes(l.value)}
              onChange={(e) => toggle('languages', l.value, e.target.checked)}
            />
          ))}
        </div>
        <Field
          label="Other languages (optional)"
          name="other_languages"
          hint="Language codes, comma separated: for example fr, pt-BR"
          value={form.other_languages}
          onChange={set('other_languages')}
        />
        <TextAreaField
          label="Conditions you treat"
          name="conditions"
          hint="Comma separated: for example acne, eczema, psoriasis. Patients search for these."
          value={form.conditions}
          onChange={set('conditions')}
          error={errors.conditions}
        />
      </Section>

      <Section title="Consultations and fees" error={errors.consultation_types}>
        <SelectField label="Currency" name="currency" value={form.currency} onChange={set('currency')} error={errors.currency}>
          {[...new Set([...CURRENCIES, form.currency])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <div className="fee-row">
          <Checkbox label="Video consultations" checked={form.video} onChange={(e) => setForm((f) => ({ ...f, video: e.target.checked }))} />
          {form.video ? (
            <Field label={`Video fee (${form.currency})`} name="video_fee" inputMode="decimal" value={form.video_fee} onChange={set('video_fee')} error={feeOf('video')} />
          ) : null}
        </div>
        <div className="fee-row">
          <Checkbox label="Clinic visits" checked={form.clinic} onChange={(e) => setForm((f) => ({ ...f, clinic: e.target.checked }))} />
          {form.clinic ? (
            <Field label={`Clinic fee (${form.currency})`} name="clinic_fee" inputMode="decimal" value={form.clinic_fee} onChange={set('clinic_fee')} error={feeOf('clinic')} />
          ) : null}
        </div>
      </Section>

      <Section title="Clinic locations" error={errors.locations}>
        <LocationRows rows={form.locations} errors={errors} onChange={(locations) => setForm((f) => ({ ...f, locations }))} />
      </Section>

      <Section title="Time and follow-ups">
        <div className="grid-3">
          <SelectField label="Time zone" name="time_zone" value={form.time_zone} onChange={set('time_zone')} error={errors.time_zone}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </SelectField>
          <SelectField label="Slot length" name="slot_minutes" value={form.slot_minutes} onChange={set('slot_minutes')} error={errors.slot_minutes}>
            {SLOT_MINUTES.map((m) => (
              <option key={m} value={String(m)}>
                {m} minutes
              </option>
            ))}
          </SelectField>
          <Field
            label="Free follow-up within (days)"
            name="follow_up_days"
            inputMode="numeric"
            hint="0 for none"
            value={form.follow_up_days}
            onChange={set('follow_up_days')}
            error={errors.follow_up_days}
          />
        </div>
      </Section>

      <div className="row">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Save practice profile
        </SubmitButton>
      </div>
    </form>
  );
}

function Section({ title, error, children }: { title: string; error?: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset">
      <legend>{title}</legend>
      {error ? <p className="field__error">{error}</p> : null}
      {children}
    </fieldset>
  );
}

function QualificationRows({
  rows,
  errors,
  onChange,
}: {
  rows: QualificationForm[];
  errors: Record<string, string>;
  onChange: (rows: QualificationForm[]) => void;
}) {
  const update = (i: number, k: keyof QualificationForm, v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <div className="rowset">
      {rows.map((q, i) => (
        <fieldset key={q.key} className="rowset__item" aria-label={`Qualification ${i + 1}`}>
          <legend>Qualification {i + 1}</legend>
          <div className="grid-3">
            <Field label="Degree" name="degree" placeholder="MBBS" value={q.degree} onChange={(e) => update(i, 'degree', e.target.value)} error={errors[`qualifications.${i}.degree`]} />
            <Field
              label="Institution"
              name="institution"
              value={q.institution}
              onChange={(e) => update(i, 'institution', e.target.value)}
              error={errors[`qualifications.${i}.institution`]}
            />
            <Field label="Year" name="year" inputMode="numeric" maxLength={4} value={q.year} onChange={(e) => update(i, 'year', e.target.value)} error={errors[`qualifications.${i}.year`]} />
          </div>
          {rows.length > 1 ? (
            <div className="rowset__actions">
              <button type="button" className="button button--link" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                Remove qualification {i + 1}
              </button>
            </div>
          ) : null}
        </fieldset>
      ))}
      <div>
        <button type="button" className="button button--secondary button--small" onClick={() => onChange([...rows, emptyQualification()])}>
          Add a qualification
        </button>
      </div>
    </div>
  );
}

function LocationRows({ rows, errors, onChange }: { rows: LocationForm[]; errors: Record<string, string>; onChange: (rows: LocationForm[]) => void }) {
  const [locating, setLocating] = useState<string | null>(null);
  const update = (i: number, patch: Partial<LocationForm>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const e = (i: number, k: string) => errors[`locations.${i}.${k}`];

  const here = (i: number, key: string) => {
    if (!navigator.geolocation) return;
    setLocating(key);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(null);
        update(i, { lat: pos.coords.latitude.toFixed(5), lng: pos.coords.longitude.toFixed(5) });
      },
      () => setLocating(null),
      { timeout: 10_000 },
    );
  };

  return (
    <div className="rowset">
      {rows.length === 0 ? <p className="muted">No clinic yet. Add one if you see patients in person.</p> : null}
      {rows.map((l, i) => (
        <fieldset key={l.key} className="rowset__item" aria-label={`Location ${i + 1}`}>
          <legend>Location {i + 1}</legend>
          <Field label="Clinic name" name="location_name" value={l.name} onChange={(ev) => update(i, { name: ev.target.value })} error={e(i, 'name')} />
          <Field label="Street address" name="line1" autoComplete="off" value={l.line1} onChange={(ev) => update(i, { line1: ev.target.value })} error={e(i, 'address.line1')} />
          <Field label="Address line 2 (optional)" name="line2" autoComplete="off" value={l.line2} onChange={(ev) => update(i, { line2: ev.target.value })} />
          <div className="grid-2">
            <Field label="City" name="city" autoComplete="off" value={l.city} onChange={(ev) => update(i, { city: ev.target.value })} error={e(i, 'address.city')} />
            <Field label="State or region" name="region" autoComplete="off" value={l.region} onChange={(ev) => update(i, { region: ev.target.value })} error={e(i, 'address.region')} />
            <Field
              label="Postal code"
              name="postal_code"
              autoComplete="off"
              value={l.postal_code}
              onChange={(ev) => update(i, { postal_code: ev.target.value })}
              error={e(i, 'address.postal_code')}
            />
            <Field
              label="Country (2-letter code)"
              name="country"
              maxLength={2}
              placeholder="IN"
              value={l.country}
              onChange={(ev) => update(i, { country: ev.target.value.toUpperCase() })}
              error={e(i, 'address.country')}
            />
            <Field label="Latitude" name="lat" inputMode="decimal" placeholder="28.6139" value={l.lat} onChange={(ev) => update(i, { lat: ev.target.value })} error={e(i, 'lat')} />
            <Field label="Longitude" name="lng" inputMode="decimal" placeholder="77.2090" value={l.lng} onChange={(ev) => update(i, { lng: ev.target.value })} error={e(i, 'lng')} />
          </div>
          <div className="rowset__actions row">
            {typeof navigator !== 'undefined' && navigator.geolocation ? (
              <button type="button" className="button button--secondary button--small" onClick={() => here(i, l.key)} disabled={locating === l.key}>
                {locating === l.key ? 'Locating…' : 'Use my current position'}
              </button>
            ) : null}
            <button type="button" className="button button--link" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove location {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      {rows.length < MAX_LOCATIONS ? (
        <div>
          <button type="button" className="button button--secondary button--small" onClick={() => onChange([...rows, emptyLocation(rows[0]?.country ?? '')])}>
            Add a clinic location
          </button>
        </div>
      ) : null}
    </div>
  );
}
