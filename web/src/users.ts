// Types of the User service (docs/api/users.md) and the pure helpers of its pages: ETags, cursors, form
// validation and the request bodies built from forms. No I/O here (unit-tested in users.test.ts); the calls
// themselves live in usersApi.ts.
import type { FieldError, Problem } from './api';

// ---------------------------------------------------------------------------------------------------------------
// Types

export interface Address {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postal_code?: string | null;
  country?: string | null;
  lat?: number | null;
  lng?: number | null;
}

export interface Profile {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  email_verified: boolean;
  phone_verified: boolean;
  role: string;
  date_of_birth: string | null;
  sex: string | null;
  preferred_language: string | null;
  address: Address | null;
  blood_group: string | null;
  height_cm: number | null;
  weight_kg: number | null;
  photo_ref: string | null;
  is_dependent: boolean;
  pending_email: string | null;
  pending_phone: string | null;
  version: number;
  updated_at: string;
}

export interface ProfileUpdate {
  name?: string;
  date_of_birth?: string | null;
  sex?: string | null;
  preferred_language?: string | null;
  address?: Address | null;
  blood_group?: string | null;
  height_cm?: number | null;
  weight_kg?: number | null;
  email?: string;
  phone?: string;
}

export const HISTORY_KIND_VALUES = [
  'condition',
  'allergy',
  'medication',
  'surgery',
  'immunization',
  'family_history',
  'lifestyle',
] as const;
export type HistoryKind = (typeof HISTORY_KIND_VALUES)[number];

export type EntryStatus = 'active' | 'resolved' | 'inactive';

export interface HistoryCode {
  system: string;
  value: string;
}

export interface HistoryEntry {
  id: string;
  kind: HistoryKind | string;
  title: string;
  notes?: string | null;
  code?: HistoryCode | null;
  onset_date?: string | null;
  end_date?: string | null;
  status: EntryStatus | string;
  details?: Record<string, unknown> | null;
  recorded_by?: { id: string; role: string; name?: string } | null;
  created_at: string;
  updated_at?: string;
  version: number;
}

export interface HistoryEntryInput {
  kind: string;
  title: string;
  notes?: string;
  code?: HistoryCode | null;
  onset_date?: string | null;
  end_date?: string | null;
  status: string;
  details?: Record<string, string | number>;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export type Relationship = 'child' | 'parent' | 'spouse' | 'sibling' | 'grandparent' | 'grandchild' | 'other';

export interface FamilyMember {
  link_id: string;
  member: { id: string; name: string };
  relationship: Relationship | string;
  kind: 'dependent' | 'linked' | string;
  status: 'active' | 'pending' | 'declined' | string;
  direction: 'outgoing' | 'incoming' | string;
  created_at: string;
}

export interface EmergencyContact {
  id: string;
  name: string;
  relationship: string;
  phone: string;
  email: string | null;
  notes: string | null;
  priority: number;
  version: number;
}

export interface EmergencyContactInput {
  name: string;
  relationship: string;
  phone: string;
  email: string | null;
  notes: string;
  priority: number;
}

export const CONSENT_PURPOSES = ['data_sharing_providers', 'marketing', 'research'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentState {
  granted: boolean;
  text_version: string;
  at: string;
}

export interface ConsentHistoryItem {
  purpose: ConsentPurpose | string;
  granted: boolean;
  text_version: string;
  at: string;
  request_id?: string;
}

export interface Consents {
  current: Partial<Record<string, ConsentState | null>>;
  history: ConsentHistoryItem[];
}

export interface AccessLogEntry {
  at: string;
  actor: { id: string; name?: string | null; role?: string | null } | null;
  action: string;
  what: string;
  basis?: string | null;
  reason?: string | null;
  request_id?: string | null;
  /** "success", or why the access was refused (not in the written contract; the server sends it). */
  outcome?: string | null;
}

/** Whether an access-log entry records a refused attempt. */
export function isRefused(e: Pick<AccessLogEntry, 'action' | 'outcome'>): boolean {
  return e.action === 'denied' || (typeof e.outcome === 'string' && e.outcome !== '' && e.outcome !== 'success');
}

/** One line of an erasure's answer; `person` names the account it is about when it is not the erased one. */
export interface ErasureItem {
  what: string;
  why: string;
  person?: { id: string; name?: string };
}

export interface ErasureResult {
  status: string;
  erased?: ErasureItem[];
  kept: ErasureItem[];
}

/** The erasure was refused because dependents would be left with no guardian (409); its detail names them. */
export function isDependentsProblem(p: { type?: string; status?: number } | null | undefined): boolean {
  return !!p && p.status === 409 && /\/dependents-need-confirmation$/.test(p.type ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// Whose data a page shows: `?for=<user id>` (a guardian's dependent), else the signed-in person ("me").

/** The path segment for `/v1/users/{id}`: the `for` id when one is given, else `me`. */
export function subjectSegment(forId: string | null | undefined): string {
  const id = forId?.trim();
  return id ? encodeURIComponent(id) : 'me';
}

/** A page link that keeps the member being viewed: `/profile` + `?for=…` when viewing someone else. */
export function withFor(path: string, forId: string | null | undefined): string {
  const id = forId?.trim();
  if (!id) return path;
  return `${path}${path.includes('?') ? '&' : '?'}for=${encodeURIComponent(id)}`;
}

/**
 * The people the caller may open: dependents the caller manages, and linked accounts once the link is accepted
 * (either side of an accepted link reads the other's profile, history and emergency contacts). Pending and
 * declined links give no access.
 */
export function viewableMembers(items: readonly FamilyMember[]): FamilyMember[] {
  return items.filter(
    (m) => m.status === 'active' && ((m.kind === 'dependent' && m.direction !== 'incoming') || m.kind === 'linked'),
  );
}

/**
 * How a family member relates to the caller, for labels. `relationship` is what the person who made the link
 * said about the other one, so it reads right only on the side that made it (a dependent, a request sent).
 */
export function memberRelation(m: Pick<FamilyMember, 'relationship' | 'direction'>): string {
  return m.direction === 'incoming' ? 'linked account' : relationshipLabel(m.relationship).toLowerCase();
}

/** Only the person and a guardian may change data; a linked relative reads. */
export function canWriteFor(forId: string | null | undefined, member: FamilyMember | null | undefined): boolean {
  if (!forId?.trim()) return true;
  if (!member) return true; // unknown relationship (e.g. a care team): let the server decide
  return member.kind === 'dependent';
}

// ---------------------------------------------------------------------------------------------------------------
// ETags (optimistic concurrency) and cursors

/** The `If-Match` value for a resource at `version` (the API's ETag is the quoted version). */
export function etagFromVersion(version: number | null | undefined): string | null {
  return typeof version === 'number' && Number.isFinite(version) ? `"${version}"` : null;
}

/**
 * The ETag to send back: the response header when there is one (kept exactly as sent, quotes included), else
 * one made from the body's version. A bare token gets the quotes an entity tag must have.
 */
export function resolveEtag(header: string | null | undefined, version?: number | null): string | null {
  const h = header?.trim();
  if (h) {
    if (/^(W\/)?"[^"]*"$/.test(h)) return h;
    if (/^[^\s",]+$/.test(h)) return `"${h}"`;
  }
  return etagFromVersion(version);
}

export function isPreconditionFailed(p: Problem | null | undefined): boolean {
  return !!p && p.status === 412;
}

/** Query string (with `?`, or '') from the set parameters, in a stable order. */
export function buildQuery(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Appends a fetched page to a list: items already shown (same id) are not repeated. */
export function appendPage<T>(existing: readonly T[], incoming: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(existing.map(key));
  const out = existing.slice();
  for (const item of incoming) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/** The cursor for "load more", or null when this was the last page. */
export function nextCursor(page: { next_cursor?: string | null } | null | undefined): string | null {
  const c = page?.next_cursor;
  return typeof c === 'string' && c !== '' ? c : null;
}

/** Puts an updated item in place of the one with its id (or first, when it is new). */
export function upsertById<T extends { id: string }>(items: readonly T[], item: T): T[] {
  const i = items.findIndex((x) => x.id === item.id);
  if (i < 0) return [item, ...items];
  const out = items.slice();
  out[i] = item;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Field errors

/**
 * Field errors keyed the way the forms name their inputs: `address.city`, `details.severity`, `code.value`. The
 * API may name nested fields as JSON pointers (`/address/city`, already stripped of the leading slash) or with
 * dots; both end up dotted. The first message per field wins.
 */
export function fieldErrors(p: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of p?.errors ?? []) {
    const key = normalizeField(e.field);
    if (key && !(key in out)) out[key] = e.message;
  }
  return out;
}

export function normalizeField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .trim();
}

/** Errors whose field is not shown on the form (listed in the form's summary instead). */
export function unshownErrors(p: Problem | null | undefined, shown: readonly string[]): FieldError[] {
  return (p?.errors ?? []).filter((e) => {
    const key = normalizeField(e.field);
    return !key || !shown.includes(key);
  });
}

/** A problem made on the client, so invalid forms show their errors exactly like the API's 422. */
export function validationProblem(errors: FieldError[]): Problem | null {
  if (errors.length === 0) return null;
  return {
    type: 'about:blank',
    title: 'Please check the highlighted fields.',
    status: 422,
    errors,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Today as YYYY-MM-DD in the person's time zone. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Drops spaces, dashes, dots and brackets people type in phone numbers: "+91 98765-43210" -> "+919876543210". */
export function normalizePhone(s: string): string {
  return s.trim().replace(/[\s\-().]/g, '');
}

export function isE164(s: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(s);
}

export function isEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}

/** A decimal number from a form field: '' -> null, otherwise the number or NaN. */
export function parseNumber(s: string): number | null {
  const t = s.trim().replace(',', '.');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

export const SEX_OPTIONS = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'intersex', label: 'Intersex' },
  { value: 'unknown', label: 'Prefer not to say' },
] as const;

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;

export const LANGUAGES: { value: string; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'hi', label: 'हिन्दी (Hindi)' },
  { value: 'bn', label: 'বাংলা (Bengali)' },
  { value: 'mr', label: 'मराठी (Marathi)' },
  { value: 'te', label: 'తెలుగు (Telugu)' },
  { value: 'ta', label: 'தமிழ் (Tamil)' },
  { value: 'gu', label: 'ગુજરાતી (Gujarati)' },
  { value: 'kn', label: 'ಕನ್ನಡ (Kannada)' },
  { value: 'ml', label: 'മലയാളം (Malayalam)' },
  { value: 'pa', label: 'ਪੰਜਾਬੀ (Punjabi)' },
  { value: 'ur', label: 'اردو (Urdu)' },
];

export interface ProfileForm {
  name: string;
  date_of_birth: string;
  sex: string;
  preferred_language: string;
  blood_group: string;
  height_cm: string;
  weight_kg: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}

export const ADDRESS_KEYS = ['line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const;

export function profileToForm(p: Profile): ProfileForm {
  const a = p.address ?? {};
  return {
    name: p.name ?? '',
    date_of_birth: p.date_of_birth ?? '',
    sex: p.sex ?? '',
    preferred_language: p.preferred_language ?? '',
    blood_group: p.blood_group ?? '',
    height_cm: p.height_cm == null ? '' : String(p.height_cm),
    weight_kg: p.weight_kg == null ? '' : String(p.weight_kg),
    line1: a.line1 ?? '',
    line2: a.line2 ?? '',
    city: a.city ?? '',
    region: a.region ?? '',
    postal_code: a.postal_code ?? '',
    country: a.country ?? '',
  };
}

export function validateProfile(f: ProfileForm, today: string = todayIso()): FieldError[] {
  const errors: FieldError[] = [];
  const name = f.name.trim();
  if (name === '') errors.push({ field: 'name', message: 'Please enter a name.' });
  else if (name.length > 120) errors.push({ field: 'name', message: 'Use at most 120 characters.' });
  const dob = f.date_of_birth.trim();
  if (dob !== '') {
    if (!isIsoDate(dob)) errors.push({ field: 'date_of_birth', message: 'Enter a date as YYYY-MM-DD.' });
    else if (dob > today) errors.push({ field: 'date_of_birth', message: 'The date of birth cannot be in the future.' });
    else if (dob < '1900-01-02') errors.push({ field: 'date_of_birth', message: 'Enter a date after 1900.' });
  }
  const height = parseNumber(f.height_cm);
  if (height !== null && (Number.isNaN(height) || height < 30 || height > 272)) {
    errors.push({ field: 'height_cm', message: 'Enter a height between 30 and 272 cm.' });
  }
  const weight = parseNumber(f.weight_kg);
  if (weight !== null && (Number.isNaN(weight) || weight < 1 || weight > 500)) {
    errors.push({ field: 'weight_kg', message: 'Enter a weight between 1 and 500 kg.' });
  }
  const lang = f.preferred_language.trim();
  if (lang !== '' && (lang.length < 2 || lang.length > 35 || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang))) {
    errors.push({ field: 'preferred_language', message: 'Choose a language.' });
  }
  const country = f.country.trim();
  if (country !== '' && !/^[A-Za-z]{2}$/.test(country)) {
    errors.push({ field: 'address.country', message: 'Use the 2-letter country code, for example IN.' });
  }
  for (const k of ['line1', 'line2', 'city', 'region', 'postal_code'] as const) {
    if (f[k].trim().length > 200) errors.push({ field: `address.${k}`, message: 'Use at most 200 characters.' });
  }
  return errors;
}

function blankToNull(s: string): string | null {
  const t = s.trim();
  return t === '' ? null : t;
}

function sameAddress(a: Address | null, b: Address | null): boolean {
  const norm = (x: Address | null) =>
    JSON.stringify(
      x === null
        ? null
        : {
            line1: x.line1 ?? null,
            line2: x.line2 ?? null,
            city: x.city ?? null,
            region: x.region ?? null,
            postal_code: x.postal_code ?? null,
            country: x.country ?? null,
            lat: x.lat ?? null,
            lng: x.lng ?? null,
          },
    );
  return norm(a) === norm(b);
}

/**
 * The PUT body for a profile form: only what changed, so a save never rewrites fields the person did not touch.
 * Emptied fields become null. The address goes as a whole (with the coordinates it had).
 */
export function profilePatch(original: Profile, f: ProfileForm): ProfileUpdate {
  const patch: ProfileUpdate = {};
  const name = f.name.trim();
  if (name !== (original.name ?? '')) patch.name = name;
  const str = (k: 'date_of_birth' | 'sex' | 'preferred_language' | 'blood_group') => {
    const v = blankToNull(f[k]);
    if (v !== (original[k] ?? null)) patch[k] = v;
  };
  str('date_of_birth');
  str('sex');
  str('preferred_language');
  str('blood_group');
  const height = parseNumber(f.height_cm);
  if (height !== (original.height_cm ?? null)) patch.height_cm = height;
  const weight = parseNumber(f.weight_kg);
  if (weight !== (original.weight_kg ?? null)) patch.weight_kg = weight;

  const typed = ADDRESS_KEYS.some((k) => f[k].trim() !== '');
  let address: Address | null = null;
  if (typed) {
    address = {
      line1: blankToNull(f.line1),
      line2: blankToNull(f.line2),
      city: blankToNull(f.city),
      region: blankToNull(f.region),
      postal_code: blankToNull(f.postal_code),
      country: blankToNull(f.country.toUpperCase()),
    };
    const before = original.address;
    if (before && typeof before.lat === 'number' && typeof before.lng === 'number') {
      // The coordinates belong to the old address: keep them only when the place itself did not change.
      const moved = (['line1', 'city', 'postal_code', 'country'] as const).some(
        (k) => (address?.[k] ?? null) !== (before[k] ?? null),
      );
      if (!moved) {
        address.lat = before.lat;
        address.lng = before.lng;
      }
    }
  }
  const originalAddress = original.address && ADDRESS_KEYS.some((k) => (original.address?.[k] ?? '') !== '') ? original.address : null;
  if (!sameAddress(address, originalAddress)) patch.address = address;
  return patch;
}

export type ContactChannel = 'email' | 'phone';

export function validateContactChange(channel: ContactChannel, value: string): FieldError[] {
  const v = value.trim();
  if (channel === 'email') {
    if (v === '') return [{ field: 'email', message: 'Enter the new email address.' }];
    if (!isEmail(v)) return [{ field: 'email', message: 'Enter an email address like name@example.com.' }];
    return [];
  }
  const p = normalizePhone(v);
  if (p === '') return [{ field: 'phone', message: 'Enter the new phone number.' }];
  if (!isE164(p)) return [{ field: 'phone', message: 'Enter the number with its country code, for example +91 98765 43210.' }];
  return [];
}

export function validateCode(code: string): FieldError[] {
  return /^\d{6}$/.test(code.trim()) ? [] : [{ field: 'code', message: 'Enter the 6-digit code.' }];
}

// ---------------------------------------------------------------------------------------------------------------
// Medical history

export interface DetailField {
  key: string;
  label: string;
  type: 'text' | 'select' | 'number';
  options?: readonly { value: string; label: string }[];
  suggestions?: readonly string[];
  hint?: string;
  maxLength?: number;
}

export interface KindInfo {
  value: HistoryKind;
  /** One entry of this kind ("Allergy"). */
  label: string;
  /** The filter and the section heading ("Allergies"). */
  plural: string;
  /** The label of the title input for this kind. */
  titleLabel: string;
  titleHint: string;
  details: readonly DetailField[];
}

export const SEVERITY_OPTIONS = [
  { value: 'mild', label: 'Mild' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'severe', label: 'Severe' },
] as const;

export const RELATIONSHIP_OPTIONS: readonly { value: Relationship; label: string }[] = [
  { value: 'child', label: 'Child' },
  { value: 'parent', label: 'Parent' },
  { value: 'spouse', label: 'Spouse or partner' },
  { value: 'sibling', label: 'Brother or sister' },
  { value: 'grandparent', label: 'Grandparent' },
  { value: 'grandchild', label: 'Grandchild' },
  { value: 'other', label: 'Other' },
];

export const KINDS: readonly KindInfo[] = [
  {
    value: 'condition',
    label: 'Condition',
    plural: 'Conditions',
    titleLabel: 'Condition',
    titleHint: 'For example: Type 2 diabetes, asthma.',
    details: [],
  },
  {
    value: 'allergy',
    label: 'Allergy',
    plural: 'Allergies',
    titleLabel: 'Allergic to',
    titleHint: 'A medicine, food or other substance, for example: Penicillin.',
    details: [
      { key: 'reaction', label: 'Reaction', type: 'text', hint: 'What happens, for example: rash, swelling.', maxLength: 200 },
      { key: 'severity', label: 'Severity', type: 'select', options: SEVERITY_OPTIONS, hint: 'How bad the reaction was.' },
    ],
  },
  {
    value: 'medication',
    label: 'Medication',
    plural: 'Medications',
    titleLabel: 'Medicine',
    titleHint: 'Name and strength, for example: Metformin 500 mg.',
    details: [
      { key: 'dose', label: 'Dose', type: 'text', hint: 'For example: 1 tablet.', maxLength: 100 },
      { key: 'frequency', label: 'How often', type: 'text', hint: 'For example: twice a day.', maxLength: 100 },
      {
        key: 'route',
        label: 'How it is taken',
        type: 'text',
        suggestions: ['oral', 'topical', 'inhaled', 'injection', 'eye drops', 'ear drops', 'nasal'],
        maxLength: 60,
      },
    ],
  },
  {
    value: 'surgery',
    label: 'Surgery',
    plural: 'Surgeries',
    titleLabel: 'Procedure',
    titleHint: 'For example: Appendectomy.',
    details: [],
  },
  {
    value: 'immunization',
    label: 'Immunization',
    plural: 'Immunizations',
    titleLabel: 'Vaccine',
    titleHint: 'For example: Hepatitis B.',
    details: [
      { key: 'dose_number', label: 'Dose number', type: 'number', hint: '1 for the first dose, 2 for the second…' },
      { key: 'lot', label: 'Lot number', type: 'text', hint: 'From the vaccination card, if you have it.', maxLength: 60 },
    ],
  },
  {
    value: 'family_history',
    label: 'Family history',
    plural: 'Family history',
    titleLabel: 'Condition in the family',
    titleHint: 'For example: Heart disease.',
    details: [
      {
        key: 'relative',
        label: 'Relative',
        type: 'text',
        suggestions: ['mother', 'father', 'sister', 'brother', 'grandmother', 'grandfather', 'aunt', 'uncle'],
        maxLength: 60,
      },
    ],
  },
  {
    value: 'lifestyle',
    label: 'Lifestyle',
    plural: 'Lifestyle',
    titleLabel: 'Summary',
    titleHint: 'For example: Non-smoker, walks daily.',
    details: [
      {
        key: 'habit',
        label: 'Habit',
        type: 'text',
        suggestions: ['smoking', 'alcohol', 'exercise', 'diet', 'sleep'],
        maxLength: 60,
      },
      { key: 'frequency', label: 'How often', type: 'text', maxLength: 60 },
    ],
  },
];

export function kindInfo(kind: string): KindInfo | undefined {
  return KINDS.find((k) => k.value === kind);
}

export function isHistoryKind(s: string | null | undefined): s is HistoryKind {
  return !!s && (HISTORY_KIND_VALUES as readonly string[]).includes(s);
}

export const CODE_SYSTEMS = ['ICD-10', 'SNOMED-CT', 'RxNorm', 'other'] as const;

export const STATUS_OPTIONS: readonly { value: EntryStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'inactive', label: 'Inactive' },
];

export interface EntryForm {
  kind: string;
  title: string;
  status: string;
  onset_date: string;
  end_date: string;
  notes: string;
  code_system: string;
  code_value: string;
  details: Record<string, string>;
}

export function emptyEntryForm(kind: string = 'condition'): EntryForm {
  return {
    kind,
    title: '',
    status: 'active',
    onset_date: '',
    end_date: '',
    notes: '',
    code_system: '',
    code_value: '',
    details: {},
  };
}

export function entryToForm(e: HistoryEntry): EntryForm {
  const details: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.details ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') details[k] = String(v);
  }
  return {
    kind: e.kind,
    title: e.title ?? '',
    status: e.status || 'active',
    onset_date: e.onset_date ?? '',
    end_date: e.end_date ?? '',
    notes: e.notes ?? '',
    code_system: e.code?.system ?? '',
    code_value: e.code?.value ?? '',
    details,
  };
}

export function validateEntry(f: EntryForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!isHistoryKind(f.kind)) errors.push({ field: 'kind', message: 'Choose what kind of entry this is.' });
  const title = f.title.trim();
  if (title === '') errors.push({ field: 'title', message: 'Please fill this in.' });
  else if (title.length > 200) errors.push({ field: 'title', message: 'Use at most 200 characters.' });
  if (f.notes.length > 4000) errors.push({ field: 'notes', message: 'Use at most 4000 characters.' });
  for (const k of ['onset_date', 'end_date'] as const) {
    const v = f[k].trim();
    if (v !== '' && !isIsoDate(v)) errors.push({ field: k, message: 'Enter a date as YYYY-MM-DD.' });
  }
  const onset = f.onset_date.trim();
  const end = f.end_date.trim();
  if (onset && end && isIsoDate(onset) && isIsoDate(end) && end < onset) {
    errors.push({ field: 'end_date', message: 'The end date cannot be before the start date.' });
  }
  const codeValue = f.code_value.trim();
  if (codeValue !== '' && f.code_system === '') errors.push({ field: 'code.system', message: 'Choose the code system.' });
  if (f.code_system !== '' && codeValue === '') errors.push({ field: 'code.value', message: 'Enter the code, or choose no code system.' });
  if (codeValue.length > 40) errors.push({ field: 'code.value', message: 'Use at most 40 characters.' });
  const info = kindInfo(f.kind);
  for (const d of info?.details ?? []) {
    const v = (f.details[d.key] ?? '').trim();
    if (v === '') continue;
    if (d.type === 'number' && !/^\d{1,3}$/.test(v)) errors.push({ field: `details.${d.key}`, message: 'Enter a whole number.' });
    if (d.type === 'select' && !d.options?.some((o) => o.value === v)) {
      errors.push({ field: `details.${d.key}`, message: 'Choose one of the options.' });
    }
    if (d.maxLength && v.length > d.maxLength) errors.push({ field: `details.${d.key}`, message: `Use at most ${d.maxLength} characters.` });
  }
  return errors;
}

/**
 * The POST/PUT body of an entry form. Only the details of the chosen kind are sent (switching kinds on the form
 * leaves no stray fields), empty ones are left out, numbers become numbers. No code system = no code.
 */
export function entryBody(f: EntryForm): HistoryEntryInput {
  const details: Record<string, string | number> = {};
  for (const d of kindInfo(f.kind)?.details ?? []) {
    const v = (f.details[d.key] ?? '').trim();
    if (v === '') continue;
    details[d.key] = d.type === 'number' ? Number(v) : v;
  }
  const codeValue = f.code_value.trim();
  return {
    kind: f.kind,
    title: f.title.trim(),
    status: f.status || 'active',
    notes: f.notes.trim(),
    onset_date: blankToNull(f.onset_date),
    end_date: blankToNull(f.end_date),
    code: f.code_system && codeValue ? { system: f.code_system, value: codeValue } : null,
    details,
  };
}

/** A short line of an entry's kind-specific details: "rash · severe", "1 tablet · twice a day · oral". */
export function detailSummary(e: Pick<HistoryEntry, 'kind' | 'details'>): string {
  const info = kindInfo(e.kind);
  const d = e.details ?? {};
  const parts: string[] = [];
  for (const f of info?.details ?? []) {
    const v = d[f.key];
    if (v === undefined || v === null || v === '') continue;
    if (f.key === 'severity') parts.push(`${String(v)} reaction`);
    else if (f.key === 'dose_number') parts.push(`dose ${String(v)}`);
    else if (f.key === 'lot') parts.push(`lot ${String(v)}`);
    else parts.push(String(v));
  }
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** Entries grouped in the order of KINDS (unknown kinds last), keeping the list's order inside a group. */
export function groupByKind(entries: readonly HistoryEntry[]): { kind: string; label: string; items: HistoryEntry[] }[] {
  const groups = new Map<string, HistoryEntry[]>();
  for (const e of entries) {
    const list = groups.get(e.kind);
    if (list) list.push(e);
    else groups.set(e.kind, [e]);
  }
  const order = KINDS.map((k) => k.value as string);
  return [...groups.entries()]
    .sort(([a], [b]) => (order.indexOf(a) < 0 ? 99 : order.indexOf(a)) - (order.indexOf(b) < 0 ? 99 : order.indexOf(b)))
    .map(([kind, items]) => ({ kind, label: kindInfo(kind)?.plural ?? kind, items }));
}

// ---------------------------------------------------------------------------------------------------------------
// Family

export interface DependentForm {
  name: string;
  relationship: string;
  date_of_birth: string;
  sex: string;
}

export function validateDependent(f: DependentForm, today: string = todayIso()): FieldError[] {
  const errors: FieldError[] = [];
  const name = f.name.trim();
  if (name === '') errors.push({ field: 'name', message: 'Please enter their name.' });
  else if (name.length > 120) errors.push({ field: 'name', message: 'Use at most 120 characters.' });
  if (!RELATIONSHIP_OPTIONS.some((r) => r.value === f.relationship)) {
    errors.push({ field: 'relationship', message: 'Choose how you are related.' });
  }
  const dob = f.date_of_birth.trim();
  if (dob !== '') {
    if (!isIsoDate(dob)) errors.push({ field: 'date_of_birth', message: 'Enter a date as YYYY-MM-DD.' });
    else if (dob > today) errors.push({ field: 'date_of_birth', message: 'The date of birth cannot be in the future.' });
    else if (dob < '1900-01-02') errors.push({ field: 'date_of_birth', message: 'Enter a date after 1900.' });
  }
  return errors;
}

export function dependentBody(f: DependentForm): Record<string, string> {
  const body: Record<string, string> = { kind: 'dependent', name: f.name.trim(), relationship: f.relationship };
  if (f.date_of_birth.trim()) body.date_of_birth = f.date_of_birth.trim();
  if (f.sex) body.sex = f.sex;
  return body;
}

export interface LinkForm {
  channel: ContactChannel;
  address: string;
  relationship: string;
}

export function validateLink(f: LinkForm): FieldError[] {
  const errors = validateContactChange(f.channel, f.address).map((e) => ({
    ...e,
    message: f.channel === 'email' ? (f.address.trim() ? e.message : 'Enter their email address.') : f.address.trim() ? e.message : 'Enter their phone number.',
  }));
  if (!RELATIONSHIP_OPTIONS.some((r) => r.value === f.relationship)) {
    errors.push({ field: 'relationship', message: 'Choose how you are related.' });
  }
  return errors;
}

export function linkBody(f: LinkForm): Record<string, string> {
  return f.channel === 'email'
    ? { kind: 'linked', email: f.address.trim(), relationship: f.relationship }
    : { kind: 'linked', phone: normalizePhone(f.address), relationship: f.relationship };
}

export function relationshipLabel(r: string): string {
  return RELATIONSHIP_OPTIONS.find((o) => o.value === r)?.label ?? r;
}

// ---------------------------------------------------------------------------------------------------------------
// Emergency contacts

export interface ContactForm {
  name: string;
  relationship: string;
  phone: string;
  email: string;
  notes: string;
  priority: string;
}

export function emptyContactForm(priority = 1): ContactForm {
  return { name: '', relationship: '', phone: '', email: '', notes: '', priority: String(priority) };
}

export function contactToForm(c: EmergencyContact): ContactForm {
  return {
    name: c.name ?? '',
    relationship: c.relationship ?? '',
    phone: c.phone ?? '',
    email: c.email ?? '',
    notes: c.notes ?? '',
    priority: String(c.priority ?? 1),
  };
}

export function validateContact(f: ContactForm): FieldError[] {
  const errors: FieldError[] = [];
  const name = f.name.trim();
  if (name === '') errors.push({ field: 'name', message: 'Please enter their name.' });
  else if (name.length > 120) errors.push({ field: 'name', message: 'Use at most 120 characters.' });
  const phone = normalizePhone(f.phone);
  if (phone === '') errors.push({ field: 'phone', message: 'Enter a phone number we can call.' });
  else if (!isE164(phone)) errors.push({ field: 'phone', message: 'Enter the number with its country code, for example +91 98123 45678.' });
  const email = f.email.trim();
  if (email !== '' && !isEmail(email)) errors.push({ field: 'email', message: 'Enter an email address like name@example.com.' });
  if (!/^\d{1,2}$/.test(f.priority.trim()) || Number(f.priority) < 1 || Number(f.priority) > 10) {
    errors.push({ field: 'priority', message: 'Choose a priority from 1 to 10.' });
  }
  const relationship = f.relationship.trim();
  if (relationship === '') errors.push({ field: 'relationship', message: 'Say how they are related to you, for example spouse.' });
  else if (relationship.length > 60) errors.push({ field: 'relationship', message: 'Use at most 60 characters.' });
  if (f.notes.length > 1000) errors.push({ field: 'notes', message: 'Use at most 1000 characters.' });
  return errors;
}

export function contactBody(f: ContactForm): EmergencyContactInput {
  return {
    name: f.name.trim(),
    relationship: f.relationship.trim(),
    phone: normalizePhone(f.phone),
    email: f.email.trim() === '' ? null : f.email.trim(),
    notes: f.notes.trim(),
    priority: Number(f.priority),
  };
}

export function sortContacts(items: readonly EmergencyContact[]): EmergencyContact[] {
  return items.slice().sort((a, b) => (a.priority ?? 10) - (b.priority ?? 10) || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------------------------
// Consents, access log, erasure

/** The consent text version this app shows. Sent with each grant or withdrawal. */
export const CONSENT_TEXT_VERSION = '2026-01';

export const CONSENT_TEXTS: Record<ConsentPurpose, { title: string; text: string }> = {
  data_sharing_providers: {
    title: 'Share my records with my care providers',
    text:
      'Doctors, nurses, labs and pharmacies you book through Kiorex may read your profile, medical history and ' +
      'emergency contacts while they care for you. Without it, they only see what you bring to the appointment.',
  },
  marketing: {
    title: 'Health tips and offers',
    text: 'Kiorex may send you occasional emails or messages about health checks, offers and new services. You can stop them at any time.',
  },
  research: {
    title: 'Medical research',
    text:
      'Your data may be used, with names and contact details removed, in approved medical research that helps ' +
      'improve care. It is never sold.',
  },
};

export function consentTitle(purpose: string): string {
  return (CONSENT_TEXTS as Record<string, { title: string }>)[purpose]?.title ?? purpose.replace(/_/g, ' ');
}

/** Whether `purpose` is granted now (never asked = not granted). */
export function isGranted(c: Consents | null | undefined, purpose: string): boolean {
  return c?.current?.[purpose]?.granted === true;
}

/** The consent history, newest first. */
export function sortHistory(history: readonly ConsentHistoryItem[]): ConsentHistoryItem[] {
  return history.slice().sort((a, b) => String(b.at).localeCompare(String(a.at)));
}

const WHAT_LABELS: Record<string, string> = {
  profile: 'profile',
  medical_history: 'medical history',
  family: 'family',
  emergency_contacts: 'emergency contacts',
  consents: 'consents',
  access_log: 'access log',
  export: 'data export',
  account: 'account',
};

const ACTION_LABELS: Record<string, string> = {
  read: 'Viewed',
  write: 'Changed',
  create: 'Added to',
  update: 'Changed',
  delete: 'Deleted from',
  export: 'Downloaded',
  erase: 'Deleted',
  denied: 'Was refused',
};

/** "Viewed medical history" from an access-log entry. */
export function describeAccess(e: Pick<AccessLogEntry, 'action' | 'what'>): string {
  const what = WHAT_LABELS[e.what] ?? e.what.replace(/_/g, ' ');
  const action = ACTION_LABELS[e.action] ?? (e.action ? e.action.charAt(0).toUpperCase() + e.action.slice(1).replace(/_/g, ' ') : '');
  return `${action} ${what}`.trim();
}

const BASIS_LABELS: Record<string, string> = {
  self: 'You',
  guardian: 'Guardian',
  linked: 'Linked family member',
  break_glass: 'Support access',
};

/** Why the access was allowed: "You", "Guardian", "Care: booking". */
export function basisLabel(basis: string | null | undefined): string {
  if (!basis) return '';
  if (basis in BASIS_LABELS) return BASIS_LABELS[basis]!;
  if (basis.startsWith('care:')) return `Care: ${basis.slice(5).replace(/_/g, ' ')}`;
  return basis.replace(/_/g, ' ');
}

/** The exact word the person types to delete the account. */
export const ERASE_CONFIRMATION = 'DELETE';

export function erasureConfirmed(typed: string): boolean {
  return typed.trim() === ERASE_CONFIRMATION;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(y!, m! - 1, d!).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  }
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : t.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Age in whole years on `today` for a YYYY-MM-DD birth date, or null. */
export function ageOn(dob: string | null | undefined, today: string = todayIso()): number | null {
  if (!dob || !isIsoDate(dob) || !isIsoDate(today) || dob > today) return null;
  const [y1, m1, d1] = dob.split('-').map(Number);
  const [y2, m2, d2] = today.split('-').map(Number);
  let age = y2! - y1!;
  if (m2! < m1! || (m2 === m1 && d2! < d1!)) age -= 1;
  return age;
}
