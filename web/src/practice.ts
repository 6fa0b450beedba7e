// Types of the doctor's and the admin's side of the Consultation service (docs/api/consultations.md) and the
// pure helpers of their pages: the practice profile form, weekly hours (HH:MM, overlaps, breaks), exceptions,
// money in minor units, appointment timing rules, SOAP notes and prescription items. No I/O here (unit-tested
// in practice.test.ts); the calls live in practiceApi.ts.
import type { FieldError } from './api';
import { currencyDigits, type Booking, type ConsultationType, type Money } from './consultCommon';
import { isIsoDate, LANGUAGES } from './users';

// What both sides share (money, types, bookings) is exported from here too.
export * from './consultCommon';

// ---------------------------------------------------------------------------------------------------------------
// Types

export interface Qualification {
  degree: string;
  institution: string;
  year?: number | null;
}

export interface LocationAddress {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postal_code?: string | null;
  country?: string | null;
}

export interface PracticeLocation {
  id?: string;
  name: string;
  address: LocationAddress;
  lat: number;
  lng: number;
}

export const CONSULTATION_TYPES: readonly { value: ConsultationType; label: string }[] = [
  { value: 'video', label: 'Video' },
  { value: 'clinic', label: 'In clinic' },
];

export type VerificationStatus = 'draft' | 'pending' | 'verified' | 'rejected';

export interface DoctorProfile {
  user_id: string;
  name: string;
  gender: string | null;
  bio: string | null;
  photo_ref?: string | null;
  specialties: string[];
  qualifications: Qualification[];
  registration: { number: string; council: string } | null;
  experience_years: number | null;
  languages: string[];
  conditions: string[];
  consultation_types: Partial<Record<ConsultationType, { fee: Money }>>;
  locations: PracticeLocation[];
  time_zone: string;
  slot_minutes: number;
  follow_up_days: number;
  status: VerificationStatus | string;
  rejection_reason: string | null;
  submitted_at: string | null;
  verified_at: string | null;
  rating?: { average: number | null; count: number } | null;
  version: number;
  updated_at?: string;
}

/** The PUT body. The name patients see is the account's name (changed on the Profile page), not part of it. */
export interface DoctorProfileInput {
  gender: string;
  bio: string;
  specialties: string[];
  qualifications: Qualification[];
  registration: { number: string; council: string };
  experience_years: number;
  languages: string[];
  conditions: string[];
  consultation_types: Partial<Record<ConsultationType, { fee: Money }>>;
  locations: PracticeLocation[];
  time_zone: string;
  slot_minutes: number;
  follow_up_days: number;
}

export interface WeeklyRange {
  weekday: number;
  start: string;
  end: string;
  type: ConsultationType | string;
  location_id: string | null;
}

export interface Schedule {
  time_zone: string;
  slot_minutes: number;
  weekly: WeeklyRange[];
  version?: number;
}

export type ExceptionKind = 'leave' | 'extra';

export interface ScheduleException {
  id: string;
  kind: ExceptionKind | string;
  date: string;
  start: string | null;
  end: string | null;
  type: ConsultationType | string | null;
  location_id: string | null;
  note: string | null;
}

export type ScheduleExceptionInput = Omit<ScheduleException, 'id'>;


export interface Room {
  signal_url: string;
  ice_servers: { urls: string[] | string; username?: string; credential?: string }[];
}

export interface StartResult {
  booking_id: string;
  status: string;
  started_at: string;
  room: Room;
}

export interface EndResult {
  status: string;
  ended_at: string;
  duration_seconds: number;
}

export const SOAP_KEYS = ['subjective', 'objective', 'assessment', 'plan'] as const;
export type SoapKey = (typeof SOAP_KEYS)[number];
export type SoapNotes = Record<SoapKey, string>;

export interface ConsultationNotes extends Partial<SoapNotes> {
  version?: number;
  updated_at?: string;
}

export interface PrescriptionItem {
  medicine: string;
  strength?: string;
  form?: string;
  dose: string;
  frequency: string;
  duration: string;
  route?: string;
  instructions?: string;
}

export interface PrescriptionInput {
  items: PrescriptionItem[];
  advice?: string;
  follow_up?: string;
}

export interface Prescription {
  id: string;
  booking_id: string;
  doctor: { id: string; name: string; registration?: { number: string; council: string } | null };
  patient: { id: string; name: string };
  issued_at: string;
  items: PrescriptionItem[];
  advice?: string | null;
  follow_up?: string | null;
  /** Only in the response that issued it (the server keeps a hash of the code); the PDF's QR code carries it. */
  verify_url: string | null;
  pdf_url: string;
}

export interface ProviderQueueItem {
  user_id: string;
  kind: string;
  name: string;
  email: string | null;
  specialties: string[];
  registration: { number: string; council: string } | null;
  status: VerificationStatus | string;
  submitted_at: string | null;
  qualifications?: Qualification[];
  experience_years?: number | null;
  rejection_reason?: string | null;
}

export interface VerifyDecision {
  user_id: string;
  status: VerificationStatus | string;
  rejection_reason: string | null;
  verified_at: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Small shared helpers

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** ISO weekdays 1 = Monday … 7 = Sunday with their names. */
export const WEEKDAYS: readonly { value: number; label: string }[] = WEEKDAY_NAMES.map((label, i) => ({ value: i + 1, label }));

export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `Day ${weekday}`;
}

export const SLOT_MINUTES = [10, 15, 20, 30, 45, 60] as const;

export const GENDERS: readonly { value: string; label: string }[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'undisclosed', label: 'Prefer not to say' },
];

export const CURRENCIES = ['INR', 'USD', 'EUR', 'GBP', 'AED', 'SGD', 'AUD', 'CAD'] as const;

export const STATUS_INFO: Record<VerificationStatus, { label: string; tone: 'info' | 'success' | 'warning' | 'error' }> = {
  draft: { label: 'Draft', tone: 'info' },
  pending: { label: 'Pending verification', tone: 'warning' },
  verified: { label: 'Verified', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'error' },
};

export function statusInfo(status: string | null | undefined): { label: string; tone: 'info' | 'success' | 'warning' | 'error' } {
  return STATUS_INFO[status as VerificationStatus] ?? { label: status || 'Not set up', tone: 'info' };
}

export const BOOKING_STATUS_LABELS: Record<string, string> = {
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export function bookingStatusLabel(status: string): string {
  return BOOKING_STATUS_LABELS[status] ?? status;
}

function trimmed(s: string | null | undefined): string {
  return (s ?? '').trim();
}

function err(field: string, message: string): FieldError {
  return { field, message };
}

/**
 * A write refused because what was shown is no longer current: 412 (the If-Match is stale) or 428 (it was
 * created elsewhere meanwhile, so it now needs an If-Match). The page reloads and says so.
 */
export function isStale(p: { status: number } | null | undefined): boolean {
  return !!p && (p.status === 412 || p.status === 428);
}

/** Splits a comma / semicolon / newline separated list, trims, drops empties and repeats (case-insensitive). */
export function splitList(s: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of s.split(/[,;\n]/)) {
    const v = part.trim().replace(/\s+/g, ' ');
    if (v === '' || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

/** A whole number from a form field, or null when empty / not a whole number. */
export function parseWhole(s: string): number | null {
  const t = s.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Time of day and time zones

/**
 * Minutes after midnight of a 24-hour `HH:MM` (00:00–23:59; "9:30" is taken as 09:30), or null when it is not
 * one. `untilMidnight`: "24:00" is also accepted, as the end of a range that runs to midnight.
 */
export function parseHHMM(s: string | null | undefined, untilMidnight = false): number | null {
  const m = /^(\d{1,2}):([0-5]\d)$/.exec(trimmed(s));
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes < 24 * 60) return minutes;
  return untilMidnight && minutes === 24 * 60 ? minutes : null;
}

/** The canonical `HH:MM` of a time typed as "9:30" or "09:30", or null. */
export function normalizeHHMM(s: string | null | undefined, untilMidnight = false): string | null {
  const m = parseHHMM(s, untilMidnight);
  return m === null ? null : formatHHMM(m);
}

export function formatHHMM(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

// Old names some browsers still return, and the names the tz database uses today.
const ZONE_RENAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
};

export function canonicalZone(zone: string): string {
  return ZONE_RENAMES[zone] ?? zone;
}

const FALLBACK_ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Dubai', 'Asia/Singapore', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Australia/Sydney'];

/** The IANA time zones to choose from (the browser's list), sorted, always including `current`. */
export function timeZoneOptions(current?: string | null, supported?: readonly string[]): string[] {
  let list: readonly string[] = supported ?? [];
  if (!supported) {
    try {
      list = Intl.supportedValuesOf('timeZone');
    } catch {
      list = [];
    }
  }
  const set = new Set((list.length > 0 ? list : FALLBACK_ZONES).map(canonicalZone));
  set.add('UTC');
  if (current) set.add(current);
  return [...set].sort((a, b) => a.localeCompare(b));
}

/** The browser's own time zone (a good default for a new practice). */
export function browserTimeZone(): string {
  try {
    return canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  } catch {
    return 'UTC';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Money (integer minor units + ISO 4217 currency)


/** "500" or "500.50" (major units, as typed) → minor units; null when it is not an amount of that currency. */
export function toMinorUnits(s: string, currency: string): number | null {
  const t = s.trim().replace(/,/g, '');
  const digits = currencyDigits(currency);
  const m = /^(\d{1,9})(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

/** Minor units → the text for a form field ("500", "500.50"). */
export function fromMinorUnits(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  const major = Math.floor(amount / 10 ** digits);
  const minor = amount % 10 ** digits;
  return minor === 0 ? String(major) : `${major}.${String(minor).padStart(digits, '0')}`;
}

export function formatMoney(m: Money | null | undefined): string {
  if (!m) return '';
  if (m.amount === 0) return 'Free';
  const digits = currencyDigits(m.currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(m.amount / 10 ** digits);
  } catch {
    return `${fromMinorUnits(m.amount, m.currency)} ${m.currency}`;
  }
}

export const MAX_FEE_MINOR = 10_000_000;

// ---------------------------------------------------------------------------------------------------------------
// The practice profile form

export interface QualificationForm {
  key: string;
  degree: string;
  institution: string;
  year: string;
}

export interface LocationForm {
  key: string;
  id: string | null;
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  lat: string;
  lng: string;
}

export interface PracticeForm {
  gender: string;
  bio: string;
  specialties: string[];
  qualifications: QualificationForm[];
  registration_number: string;
  registration_council: string;
  experience_years: string;
  /** Languages ticked from the common list (`LANGUAGES`). */
  languages: string[];
  /** Other BCP 47 codes, comma separated. */
  other_languages: string;
  conditions: string;
  video: boolean;
  video_fee: string;
  clinic: boolean;
  clinic_fee: string;
  currency: string;
  locations: LocationForm[];
  time_zone: string;
  slot_minutes: string;
  follow_up_days: string;
}

let keySeq = 0;
/** A key for a new form row (React lists). */
export function rowKey(prefix = 'row'): string {
  keySeq += 1;
  return `${prefix}-${keySeq}`;
}

export function emptyQualification(): QualificationForm {
  return { key: rowKey('q'), degree: '', institution: '', year: '' };
}

export function emptyLocation(country = ''): LocationForm {
  return { key: rowKey('loc'), id: null, name: '', line1: '', line2: '', city: '', region: '', postal_code: '', country, lat: '', lng: '' };
}

export function emptyPracticeForm(timeZone = browserTimeZone()): PracticeForm {
  return {
    gender: '',
    bio: '',
    specialties: [],
    qualifications: [emptyQualification()],
    registration_number: '',
    registration_council: '',
    experience_years: '',
    languages: ['en'],
    other_languages: '',
    conditions: '',
    video: true,
    video_fee: '',
    clinic: false,
    clinic_fee: '',
    currency: 'INR',
    locations: [],
    time_zone: timeZone,
    slot_minutes: '15',
    follow_up_days: '7',
  };
}

export function practiceToForm(p: DoctorProfile): PracticeForm {
  const known = new Set(LANGUAGES.map((l) => l.value));
  const video = p.consultation_types?.video;
  const clinic = p.consultation_types?.clinic;
  const currency = video?.fee.currency ?? clinic?.fee.currency ?? 'INR';
  return {
    gender: p.gender ?? '',
    bio: p.bio ?? '',
    specialties: [...(p.specialties ?? [])],
    qualifications:
      (p.qualifications ?? []).length > 0
        ? p.qualifications.map((q) => ({ key: rowKey('q'), degree: q.degree ?? '', institution: q.institution ?? '', year: q.year != null ? String(q.year) : '' }))
        : [emptyQualification()],
    registration_number: p.registration?.number ?? '',
    registration_council: p.registration?.council ?? '',
    experience_years: p.experience_years != null ? String(p.experience_years) : '',
    languages: (p.languages ?? []).filter((l) => known.has(l)),
    other_languages: (p.languages ?? []).filter((l) => !known.has(l)).join(', '),
    conditions: (p.conditions ?? []).join(', '),
    video: !!video,
    video_fee: video ? fromMinorUnits(video.fee.amount, video.fee.currency) : '',
    clinic: !!clinic,
    clinic_fee: clinic ? fromMinorUnits(clinic.fee.amount, clinic.fee.currency) : '',
    currency,
    locations: (p.locations ?? []).map((l) => ({
      key: rowKey('loc'),
      id: l.id ?? null,
      name: l.name ?? '',
      line1: l.address?.line1 ?? '',
      line2: l.address?.line2 ?? '',
      city: l.address?.city ?? '',
      region: l.address?.region ?? '',
      postal_code: l.address?.postal_code ?? '',
      country: l.address?.country ?? '',
      lat: String(l.lat ?? ''),
      lng: String(l.lng ?? ''),
    })),
    time_zone: p.time_zone ?? browserTimeZone(),
    slot_minutes: String(p.slot_minutes ?? 15),
    follow_up_days: String(p.follow_up_days ?? 7),
  };
}

/** All language codes of the form: the ticked ones, then the typed ones. */
export function formLanguages(f: Pick<PracticeForm, 'languages' | 'other_languages'>): string[] {
  const out: string[] = [];
  for (const l of [...f.languages, ...splitList(f.other_languages)]) if (!out.includes(l)) out.push(l);
  return out;
}

export function isLanguageTag(s: string): boolean {
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s);
}

function parseCoordinate(s: string, limit: number): number | null {
  const t = s.trim();
  if (!/^-?\d{1,3}(\.\d+)?$/.test(t)) return null;
  const v = Number(t);
  return Math.abs(v) <= limit ? v : null;
}

function lengthBetween(s: string, min: number, max: number): boolean {
  const n = [...s].length;
  return n >= min && n <= max;
}

/** Client-side checks of the contract's rules, with the API's field names (`locations.0.lat`). */
export function validatePracticeForm(f: PracticeForm, specialtyIds?: readonly string[], thisYear = new Date().getFullYear()): FieldError[] {
  const errors: FieldError[] = [];
  if (!GENDERS.some((g) => g.value === f.gender)) errors.push(err('gender', 'Choose one.'));
  if ([...f.bio].length > 4000) errors.push(err('bio', 'Keep the introduction under 4000 characters.'));

  if (f.specialties.length < 1 || f.specialties.length > 5) errors.push(err('specialties', 'Choose 1 to 5 specialties.'));
  else if (specialtyIds && f.specialties.some((s) => !specialtyIds.includes(s))) errors.push(err('specialties', 'Choose specialties from the list.'));

  f.qualifications.forEach((q, i) => {
    const blank = !trimmed(q.degree) && !trimmed(q.institution) && !trimmed(q.year);
    if (blank) return;
    if (!lengthBetween(trimmed(q.degree), 2, 80)) errors.push(err(`qualifications.${i}.degree`, 'Enter the degree (2–80 characters).'));
    if ([...trimmed(q.institution)].length > 120) errors.push(err(`qualifications.${i}.institution`, 'Keep the institution under 120 characters.'));
    if (trimmed(q.year)) {
      const y = parseWhole(q.year);
      if (y === null || y < 1940 || y > thisYear) errors.push(err(`qualifications.${i}.year`, `Enter a year from 1940 to ${thisYear}.`));
    }
  });

  if (!lengthBetween(trimmed(f.registration_number), 3, 40)) errors.push(err('registration.number', 'Enter the registration number (3–40 characters).'));
  if (!lengthBetween(trimmed(f.registration_council), 3, 120)) errors.push(err('registration.council', 'Enter the issuing council (3–120 characters).'));
  const exp = parseWhole(f.experience_years);
  if (exp === null || exp > 70) errors.push(err('experience_years', 'Enter whole years from 0 to 70.'));

  const langs = formLanguages(f);
  if (langs.length < 1 || langs.length > 10) errors.push(err('languages', 'Choose 1 to 10 languages.'));
  else if (langs.some((l) => !isLanguageTag(l))) errors.push(err('languages', 'Use language codes such as en, hi or pt-BR.'));

  const conditions = splitList(f.conditions);
  if (conditions.length > 50) errors.push(err('conditions', 'List at most 50 conditions.'));
  else if (conditions.some((c) => !lengthBetween(c, 2, 80))) errors.push(err('conditions', 'Each condition needs 2 to 80 characters.'));

  if (!f.video && !f.clinic) errors.push(err('consultation_types', 'Offer at least one consultation type.'));
  if (!/^[A-Z]{3}$/.test(f.currency)) errors.push(err('currency', 'Choose a currency.'));
  for (const type of ['video', 'clinic'] as const) {
    if (!f[type]) continue;
    const amount = toMinorUnits(f[`${type}_fee`], f.currency);
    if (amount === null || amount > MAX_FEE_MINOR)
      errors.push(err(`consultation_types.${type}.fee`, `Enter the fee as an amount in ${f.currency} (0 for free).`));
  }
  if (f.clinic && f.locations.length === 0) errors.push(err('locations', 'Add the clinic where you see patients.'));
  if (f.locations.length > 5) errors.push(err('locations', 'At most 5 locations.'));
  f.locations.forEach((l, i) => {
    if (!lengthBetween(trimmed(l.name), 2, 120)) errors.push(err(`locations.${i}.name`, 'Enter the clinic name.'));
    if (!trimmed(l.line1)) errors.push(err(`locations.${i}.address.line1`, 'Enter the street address.'));
    if (!trimmed(l.city)) errors.push(err(`locations.${i}.address.city`, 'Enter the city.'));
    if (!/^[A-Z]{2}$/.test(trimmed(l.country).toUpperCase())) errors.push(err(`locations.${i}.address.country`, 'Use the 2-letter country code.'));
    if (parseCoordinate(l.lat, 90) === null) errors.push(err(`locations.${i}.lat`, 'Enter a latitude from -90 to 90.'));
    if (parseCoordinate(l.lng, 180) === null) errors.push(err(`locations.${i}.lng`, 'Enter a longitude from -180 to 180.'));
  });

  if (!trimmed(f.time_zone)) errors.push(err('time_zone', 'Choose your time zone.'));
  if (!SLOT_MINUTES.includes(Number(f.slot_minutes) as (typeof SLOT_MINUTES)[number])) errors.push(err('slot_minutes', 'Choose a slot length.'));
  const fu = parseWhole(f.follow_up_days);
  if (fu === null || fu > 30) errors.push(err('follow_up_days', 'Enter 0 to 30 days.'));
  return errors;
}

function optional(s: string): string | undefined {
  const t = s.trim();
  return t === '' ? undefined : t;
}

/** The PUT body of a valid form. */
export function practiceBody(f: PracticeForm): DoctorProfileInput {
  const types: DoctorProfileInput['consultation_types'] = {};
  if (f.video) types.video = { fee: { amount: toMinorUnits(f.video_fee, f.currency) ?? 0, currency: f.currency } };
  if (f.clinic) types.clinic = { fee: { amount: toMinorUnits(f.clinic_fee, f.currency) ?? 0, currency: f.currency } };
  return {
    gender: f.gender,
    bio: f.bio.trim(),
    specialties: [...f.specialties],
    qualifications: f.qualifications
      .filter((q) => trimmed(q.degree) || trimmed(q.institution) || trimmed(q.year))
      .map((q) => {
        const out: Qualification = { degree: q.degree.trim(), institution: q.institution.trim() };
        const y = parseWhole(q.year);
        if (y !== null) out.year = y;
        return out;
      }),
    registration: { number: f.registration_number.trim(), council: f.registration_council.trim() },
    experience_years: parseWhole(f.experience_years) ?? 0,
    languages: formLanguages(f),
    conditions: splitList(f.conditions),
    consultation_types: types,
    locations: f.locations.map((l) => {
      const address: LocationAddress = { line1: l.line1.trim(), city: l.city.trim(), country: l.country.trim().toUpperCase() };
      const line2 = optional(l.line2);
      const region = optional(l.region);
      const postal = optional(l.postal_code);
      if (line2) address.line2 = line2;
      if (region) address.region = region;
      if (postal) address.postal_code = postal;
      const loc: PracticeLocation = { name: l.name.trim(), address, lat: Number(l.lat.trim()), lng: Number(l.lng.trim()) };
      if (l.id) loc.id = l.id;
      return loc;
    }),
    time_zone: f.time_zone,
    slot_minutes: Number(f.slot_minutes),
    follow_up_days: parseWhole(f.follow_up_days) ?? 0,
  };
}

/** Why "Submit for verification" is not offered, or null when it is. */
export function submitBlocker(p: DoctorProfile | null): string | null {
  if (!p) return 'Save your practice profile first.';
  if (p.status === 'pending') return 'Your profile is waiting for review.';
  if (p.status === 'verified') return 'Your profile is verified.';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Weekly hours

export interface RangeForm {
  key: string;
  weekday: number;
  start: string;
  end: string;
  type: string;
  location_id: string;
}

export function rangeToForm(r: WeeklyRange): RangeForm {
  return { key: rowKey('r'), weekday: r.weekday, start: r.start, end: r.end, type: r.type, location_id: r.location_id ?? '' };
}

export function newRange(weekday: number, existing: readonly RangeForm[]): RangeForm {
  // After the day's last range (with a one-hour break), else a morning.
  const ends = existing.filter((r) => r.weekday === weekday).map((r) => parseHHMM(r.end, true)).filter((m): m is number => m !== null);
  const last = ends.length > 0 ? Math.max(...ends) : null;
  const start = last === null ? 9 * 60 : Math.min(last + 60, 22 * 60);
  const end = Math.min(start + (last === null ? 4 * 60 : 3 * 60), 24 * 60);
  return { key: rowKey('r'), weekday, start: formatHHMM(start), end: formatHHMM(end), type: 'video', location_id: '' };
}

export interface RangeRules {
  /** The doctor's clinic location ids. */
  locationIds: readonly string[];
  /** A range must hold at least one slot. */
  slotMinutes?: number;
  /** The consultation types the profile offers (all when not given). */
  types?: readonly string[];
}

/** A type the practice does not offer, or a clinic range without one of the doctor's clinics: the message, or null. */
function typeProblem(type: string, rules: RangeRules): string | null {
  if (type !== 'video' && type !== 'clinic') return 'Choose video or clinic.';
  if (rules.types && !rules.types.includes(type)) return `Your practice profile does not offer ${type === 'clinic' ? 'clinic visits' : 'video consultations'}.`;
  return null;
}

/**
 * Problems of a week's ranges, as the API names them (`weekly.3.end`): times that are not HH:MM (an end may be
 * 24:00), an end not after its start, a range shorter than one slot, ranges of one weekday that overlap (touching
 * is fine: 09:00–13:00 and 13:00–17:00), a type the profile does not offer, a clinic range without one of the
 * doctor's locations.
 */
export function validateWeekly(ranges: readonly Pick<RangeForm, 'weekday' | 'start' | 'end' | 'type' | 'location_id'>[], rules: RangeRules): FieldError[] {
  const { locationIds, slotMinutes } = rules;
  const errors: FieldError[] = [];
  const valid: { i: number; weekday: number; start: number; end: number }[] = [];
  ranges.forEach((r, i) => {
    if (!Number.isInteger(r.weekday) || r.weekday < 1 || r.weekday > 7) errors.push(err(`weekly.${i}.weekday`, 'Choose a day of the week.'));
    const start = parseHHMM(r.start);
    const end = parseHHMM(r.end, true);
    if (start === null) errors.push(err(`weekly.${i}.start`, 'Enter the start as HH:MM (24-hour).'));
    if (end === null) errors.push(err(`weekly.${i}.end`, 'Enter the end as HH:MM (24-hour; 24:00 for midnight).'));
    if (start !== null && end !== null) {
      if (end <= start) errors.push(err(`weekly.${i}.end`, 'The end must be after the start.'));
      else {
        if (slotMinutes && end - start < slotMinutes) errors.push(err(`weekly.${i}.end`, `Shorter than one ${slotMinutes}-minute slot.`));
        valid.push({ i, weekday: r.weekday, start, end });
      }
    }
    const typeMessage = typeProblem(r.type, rules);
    if (typeMessage) errors.push(err(`weekly.${i}.type`, typeMessage));
    else if (r.type === 'clinic' && !locationIds.includes(r.location_id))
      errors.push(err(`weekly.${i}.location_id`, locationIds.length === 0 ? 'Add a clinic location to your practice profile first.' : 'Choose the clinic.'));
  });
  const sorted = [...valid].sort((a, b) => a.weekday - b.weekday || a.start - b.start || a.i - b.i);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (prev.weekday === cur.weekday && cur.start < prev.end) {
      errors.push(
        err(`weekly.${cur.i}.start`, `Overlaps ${formatHHMM(prev.start)}–${formatHHMM(prev.end)} on ${weekdayName(cur.weekday)}.`),
      );
    }
  }
  return errors;
}

/**
 * The ranges by day and start time (unparsable times last, in their order). The editor sorts before it checks
 * and saves, so a field error's index (`weekly.3.end`) is the row's position both on the form and in the body.
 */
export function sortRanges<T extends Pick<RangeForm, 'weekday' | 'start'>>(ranges: readonly T[]): T[] {
  const at = (r: T) => parseHHMM(r.start) ?? 24 * 60;
  return ranges
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.weekday - b.r.weekday || at(a.r) - at(b.r) || a.i - b.i)
    .map((x) => x.r);
}

/** The PUT body's weekly list (in the given order), `location_id` only for clinic ranges. */
export function weeklyBody(ranges: readonly RangeForm[]): WeeklyRange[] {
  return ranges.map((r) => ({
      weekday: r.weekday,
      start: normalizeHHMM(r.start) ?? r.start.trim(),
      end: normalizeHHMM(r.end, true) ?? r.end.trim(),
      type: r.type,
      location_id: r.type === 'clinic' && r.location_id ? r.location_id : null,
    }));
}

/** The breaks of one day: the gaps between its (valid, non-overlapping) ranges, as HH:MM pairs. */
export function breaksOf(ranges: readonly Pick<RangeForm, 'start' | 'end'>[]): { start: string; end: string }[] {
  const spans = ranges
    .map((r) => ({ start: parseHHMM(r.start), end: parseHHMM(r.end, true) }))
    .filter((s): s is { start: number; end: number } => s.start !== null && s.end !== null && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: { start: string; end: string }[] = [];
  let reach: number | null = null;
  for (const s of spans) {
    if (reach !== null && s.start > reach) out.push({ start: formatHHMM(reach), end: formatHHMM(s.start) });
    reach = reach === null ? s.end : Math.max(reach, s.end);
  }
  return out;
}

/** Hours a week the ranges cover (overlaps counted once per day), for a summary line. */
export function weeklyMinutes(ranges: readonly Pick<RangeForm, 'weekday' | 'start' | 'end'>[]): number {
  let total = 0;
  for (const day of WEEKDAYS) {
    const spans = ranges
      .filter((r) => r.weekday === day.value)
      .map((r) => ({ start: parseHHMM(r.start), end: parseHHMM(r.end, true) }))
      .filter((s): s is { start: number; end: number } => s.start !== null && s.end !== null && s.end > s.start)
      .sort((a, b) => a.start - b.start);
    let reach = -1;
    for (const s of spans) {
      const from = Math.max(s.start, reach);
      if (s.end > from) total += s.end - from;
      reach = Math.max(reach, s.end);
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------------
// Exceptions (leave, extra hours)

export interface ExceptionForm {
  kind: ExceptionKind;
  date: string;
  whole_day: boolean;
  start: string;
  end: string;
  type: string;
  location_id: string;
  note: string;
}

export function emptyExceptionForm(date = ''): ExceptionForm {
  return { kind: 'leave', date, whole_day: true, start: '09:00', end: '13:00', type: 'video', location_id: '', note: '' };
}

/** `today` is the doctor's local date: an exception in the past changes nothing. */
export function validateException(f: ExceptionForm, rules: RangeRules, today?: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIsoDate(f.date)) errors.push(err('date', 'Choose the date.'));
  else if (today && f.date < today) errors.push(err('date', 'Choose today or a later date.'));
  const timed = f.kind === 'extra' || !f.whole_day;
  if (timed) {
    const start = parseHHMM(f.start);
    const end = parseHHMM(f.end, true);
    if (start === null) errors.push(err('start', 'Enter the start as HH:MM (24-hour).'));
    if (end === null) errors.push(err('end', 'Enter the end as HH:MM (24-hour; 24:00 for midnight).'));
    if (start !== null && end !== null) {
      if (end <= start) errors.push(err('end', 'The end must be after the start.'));
      else if (f.kind === 'extra' && rules.slotMinutes && end - start < rules.slotMinutes)
        errors.push(err('end', `Shorter than one ${rules.slotMinutes}-minute slot.`));
    }
  }
  if (f.kind === 'extra') {
    const typeMessage = typeProblem(f.type, rules);
    if (typeMessage) errors.push(err('type', typeMessage));
    else if (f.type === 'clinic' && !rules.locationIds.includes(f.location_id)) errors.push(err('location_id', 'Choose the clinic.'));
  }
  if ([...f.note].length > 500) errors.push(err('note', 'Keep the note under 500 characters.'));
  return errors;
}

export function exceptionBody(f: ExceptionForm): ScheduleExceptionInput {
  const timed = f.kind === 'extra' || !f.whole_day;
  const extra = f.kind === 'extra';
  return {
    kind: f.kind,
    date: f.date,
    start: timed ? (normalizeHHMM(f.start) ?? f.start.trim()) : null,
    end: timed ? (normalizeHHMM(f.end, true) ?? f.end.trim()) : null,
    type: extra ? f.type : null,
    location_id: extra && f.type === 'clinic' && f.location_id ? f.location_id : null,
    note: f.note.trim(),
  };
}

/** "Leave, whole day" / "Leave 09:00–13:00" / "Extra hours 18:00–20:00 (video)". */
export function describeException(e: Pick<ScheduleException, 'kind' | 'start' | 'end' | 'type'>): string {
  const times = e.start && e.end ? ` ${e.start}–${e.end}` : '';
  if (e.kind === 'leave') return times ? `Leave${times}` : 'Leave, whole day';
  return `Extra hours${times}${e.type ? ` (${e.type === 'clinic' ? 'in clinic' : e.type})` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates of the appointment list

/** YYYY-MM-DD of `d` in the browser's time zone. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Today's YYYY-MM-DD in the IANA zone `zone` (the browser's date when the zone is unknown). */
export function todayInZone(zone: string | null | undefined, now: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return localDate(now);
  }
}

/** Midnight today in the browser's time zone, as an ISO instant (the list's `from`). */
export function startOfToday(now: Date = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

/** YYYY-MM-DD `days` after the YYYY-MM-DD `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! + days));
  return t.toISOString().slice(0, 10);
}

/** Today's appointments and the later ones (each sorted by start); earlier ones are left out. */
export function splitAppointments<T extends Pick<Booking, 'start'>>(items: readonly T[], now: Date = new Date()): { today: T[]; upcoming: T[] } {
  const today = localDate(now);
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start));
  const out = { today: [] as T[], upcoming: [] as T[] };
  for (const b of sorted) {
    const t = new Date(b.start);
    if (Number.isNaN(t.getTime())) continue;
    const day = localDate(t);
    if (day === today) out.today.push(b);
    else if (day > today) out.upcoming.push(b);
  }
  return out;
}

const MINUTE = 60_000;

/** The doctor may start from 15 minutes before the start until 30 minutes after the end. */
export function canStart(b: Pick<Booking, 'status' | 'start' | 'end'>, now: Date = new Date()): boolean {
  const t = now.getTime();
  return b.status === 'confirmed' && t >= Date.parse(b.start) - 15 * MINUTE && t <= Date.parse(b.end) + 30 * MINUTE;
}

/** Minutes until the start button is offered (0 when it already is, null when it never will be). */
export function minutesUntilStartable(b: Pick<Booking, 'status' | 'start' | 'end'>, now: Date = new Date()): number | null {
  if (b.status !== 'confirmed') return null;
  const opens = Date.parse(b.start) - 15 * MINUTE;
  if (now.getTime() > Date.parse(b.end) + 30 * MINUTE) return null;
  return Math.max(0, Math.ceil((opens - now.getTime()) / MINUTE));
}

/** A confirmed booking becomes a no-show 15 minutes after its start. */
export function canMarkNoShow(b: Pick<Booking, 'status' | 'start'>, now: Date = new Date()): boolean {
  return b.status === 'confirmed' && now.getTime() >= Date.parse(b.start) + 15 * MINUTE;
}

/** The doctor may cancel any time before the consultation starts. */
export function canCancel(b: Pick<Booking, 'status' | 'start'>, now: Date = new Date()): boolean {
  return (b.status === 'confirmed' || b.status === 'pending_payment') && now.getTime() < Date.parse(b.start);
}

export function validateReason(reason: string, field = 'reason'): FieldError[] {
  const n = [...reason.trim()].length;
  if (n < 3) return [err(field, 'Give a short reason (at least 3 characters).')];
  if (n > 500) return [err(field, 'Keep the reason under 500 characters.')];
  return [];
}

/** "45 min", "1 h 05 min" */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

// ---------------------------------------------------------------------------------------------------------------
// SOAP notes

export const SOAP_LABELS: Record<SoapKey, { label: string; hint: string }> = {
  subjective: { label: 'Subjective', hint: 'What the patient reports: complaints, history of the present illness.' },
  objective: { label: 'Objective', hint: 'What you observed: examination findings, vitals, results.' },
  assessment: { label: 'Assessment', hint: 'Your diagnosis or differential.' },
  plan: { label: 'Plan', hint: 'Treatment and next steps. The patient can read this part.' },
};

export const NOTES_MAX = 8000;

export function notesToForm(n: Partial<SoapNotes> | null | undefined): SoapNotes {
  return { subjective: n?.subjective ?? '', objective: n?.objective ?? '', assessment: n?.assessment ?? '', plan: n?.plan ?? '' };
}

export function validateNotes(n: SoapNotes): FieldError[] {
  return SOAP_KEYS.filter((k) => [...n[k]].length > NOTES_MAX).map((k) => err(k, `Keep it under ${NOTES_MAX} characters.`));
}

// ---------------------------------------------------------------------------------------------------------------
// Prescriptions

export const RX_ITEM_FIELDS = ['medicine', 'strength', 'form', 'dose', 'frequency', 'duration', 'route', 'instructions'] as const;
export type RxItemField = (typeof RX_ITEM_FIELDS)[number];
export const RX_REQUIRED: readonly RxItemField[] = ['medicine', 'dose', 'frequency', 'duration'];
export const RX_MAX_ITEMS = 20;

export const RX_LABELS: Record<RxItemField, string> = {
  medicine: 'Medicine',
  strength: 'Strength',
  form: 'Form',
  dose: 'Dose',
  frequency: 'Frequency',
  duration: 'Duration',
  route: 'Route',
  instructions: 'Instructions',
};

export const RX_LIMITS: Record<RxItemField, number> = {
  medicine: 200,
  strength: 100,
  form: 60,
  dose: 200,
  frequency: 200,
  duration: 100,
  route: 60,
  instructions: 1000,
};

export const RX_SUGGESTIONS: Partial<Record<RxItemField, string[]>> = {
  form: ['tablet', 'capsule', 'syrup', 'suspension', 'injection', 'cream', 'ointment', 'gel', 'drops', 'inhaler', 'sachet'],
  route: ['oral', 'topical', 'inhalation', 'intramuscular', 'intravenous', 'subcutaneous', 'sublingual', 'nasal', 'ophthalmic', 'otic', 'rectal'],
  frequency: ['once daily', 'twice daily', 'three times daily', 'four times daily', 'once daily at night', 'every 8 hours', 'as needed'],
};

export type RxItemForm = Record<RxItemField, string> & { key: string };

export interface RxForm {
  items: RxItemForm[];
  advice: string;
  follow_up: string;
}

export function emptyRxItem(): RxItemForm {
  return { key: rowKey('rx'), medicine: '', strength: '', form: '', dose: '', frequency: '', duration: '', route: '', instructions: '' };
}

export function emptyRxForm(): RxForm {
  return { items: [emptyRxItem()], advice: '', follow_up: '' };
}

function rxRowBlank(r: RxItemForm): boolean {
  return RX_ITEM_FIELDS.every((k) => r[k].trim() === '');
}

/** The form without its fully blank rows (so the rows shown and the items sent keep the same positions). */
export function compactRx(f: RxForm): RxForm {
  const items = f.items.filter((r) => !rxRowBlank(r));
  return { ...f, items: items.length > 0 ? items : f.items.slice(0, 1) };
}

/** Checks a compacted form: 1–20 items, medicine / dose / frequency / duration required, lengths. */
export function validateRx(f: RxForm): FieldError[] {
  const errors: FieldError[] = [];
  const rows = f.items.filter((r) => !rxRowBlank(r));
  if (rows.length === 0) errors.push(err('items', 'Add at least one medicine.'));
  if (f.items.length > RX_MAX_ITEMS) errors.push(err('items', `At most ${RX_MAX_ITEMS} medicines on one prescription.`));
  f.items.forEach((r, i) => {
    if (rxRowBlank(r)) return;
    for (const k of RX_ITEM_FIELDS) {
      const v = r[k].trim();
      if (RX_REQUIRED.includes(k) && v === '') errors.push(err(`items.${i}.${k}`, `Enter the ${RX_LABELS[k].toLowerCase()}.`));
      else if ([...v].length > RX_LIMITS[k]) errors.push(err(`items.${i}.${k}`, `Keep it under ${RX_LIMITS[k]} characters.`));
    }
  });
  if ([...f.advice.trim()].length > 4000) errors.push(err('advice', 'Keep the advice under 4000 characters.'));
  if ([...f.follow_up.trim()].length > 200) errors.push(err('follow_up', 'Keep the follow-up under 200 characters.'));
  return errors;
}

export function rxBody(f: RxForm): PrescriptionInput {
  const items = f.items
    .filter((r) => !rxRowBlank(r))
    .map((r) => {
      const item: PrescriptionItem = { medicine: r.medicine.trim(), dose: r.dose.trim(), frequency: r.frequency.trim(), duration: r.duration.trim() };
      for (const k of ['strength', 'form', 'route', 'instructions'] as const) {
        const v = r[k].trim();
        if (v) item[k] = v;
      }
      return item;
    });
  const body: PrescriptionInput = { items };
  if (f.advice.trim()) body.advice = f.advice.trim();
  if (f.follow_up.trim()) body.follow_up = f.follow_up.trim();
  return body;
}

/** "Cetirizine 10 mg tablet" */
export function rxItemTitle(i: Pick<PrescriptionItem, 'medicine' | 'strength' | 'form'>): string {
  return [i.medicine, i.strength, i.form].filter((x) => x && x.trim()).join(' ');
}

/** "1 tablet · once daily at night · 5 days · oral" */
export function rxItemDirections(i: PrescriptionItem): string {
  return [i.dose, i.frequency, i.duration, i.route].filter((x) => x && x.trim()).join(' · ');
}

/** The verify URL as an absolute address (the API answers with a path). */
export function absoluteUrl(pathOrUrl: string, origin: string): string {
  try {
    return new URL(pathOrUrl, origin).toString();
  } catch {
    return pathOrUrl;
  }
}
