// Types of the Consultation service (docs/api/consultations.md) and the pure logic of the patient's pages:
// time zones (slots shown in the patient's zone beside the doctor's local time), slots grouped by day, the
// search query in the URL, money, booking states, and the video call's signaling URL.
// Everything here is unit-tested in consultations.test.ts; the API calls live in consultationsApi.ts.

import { currencyDigits, type Booking as CommonBooking, type ConsultationType, type Money } from './consultCommon';

// What both sides share (money, types, bookings) is exported from here too; Booking is narrowed below.
export * from './consultCommon';

// ---------------------------------------------------------------------------------------------------------------
// Types

export interface DoctorLocationSummary {
  id: string;
  name: string;
  city?: string;
  lat?: number;
  lng?: number;
  address?: { line1?: string; city?: string; region?: string; postal_code?: string; country?: string };
}

export interface RatingSummary {
  /** As shown and as rating_min compares it: one decimal. */
  average: number | null;
  raw_average?: number | null;
  count: number;
  /** The Bayesian average "Highest rated" ranks by (null without ratings). */
  score?: number | null;
}

export interface DoctorSummary {
  id: string;
  name: string;
  gender?: string;
  photo_ref?: string | null;
  specialties: { id: string; name: string }[];
  languages: string[];
  experience_years?: number;
  conditions?: string[];
  consultation_types: Partial<Record<ConsultationType, { fee: Money }>>;
  locations?: DoctorLocationSummary[];
  rating?: RatingSummary;
  distance_km?: number | null;
  next_available_at?: string | null;
}

export interface Facet {
  id: string;
  name?: string;
  count: number;
}

export interface SearchResult {
  items: DoctorSummary[];
  facets?: { specialty?: Facet[]; language?: Facet[] };
  total?: number;
  /** When fees were compared: their currency and how many doctors charging in others were left out. */
  fees_in?: { currency: string; doctors_in_other_currencies: number } | null;
  next_cursor?: string | null;
}

export interface Slot {
  start: string;
  end: string;
  local_date: string;
  local_start: string;
  local_end: string;
  type: ConsultationType | string;
  location_id: string | null;
}

export interface SlotList {
  time_zone: string;
  items: Slot[];
}

export interface RatingComment {
  stars: number;
  comment?: string | null;
  patient_name?: string | null;
  first_name?: string | null;
  name?: string | null;
  created_at?: string;
}

export interface DoctorProfile extends DoctorSummary {
  bio?: string | null;
  qualifications?: { degree: string; institution?: string; year?: number }[];
  registration?: { number: string; council: string };
  time_zone?: string;
  slot_minutes?: number;
  follow_up_days?: number;
  comments?: RatingComment[];
  ratings?: RatingComment[];
  recent_ratings?: RatingComment[];
  next_slots?: Slot[];
}

/** A booking as the patient sees it: who booked it is always given. */
export interface Booking extends CommonBooking {
  booked_by: string;
}

export interface BookingInput {
  doctor_id: string;
  start: string;
  type: ConsultationType | string;
  location_id: string | null;
  patient_id?: string;
  reason: string;
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface Room {
  signal_url: string;
  ice_servers: IceServer[];
}

export interface PrescriptionItem {
  medicine: string;
  strength?: string | null;
  form?: string | null;
  dose: string;
  frequency: string;
  duration: string;
  route?: string | null;
  instructions?: string | null;
}

export interface Prescription {
  id: string;
  booking_id: string;
  doctor: { id: string; name: string; registration?: { number: string; council: string } };
  patient: { id: string; name: string };
  issued_at: string;
  items: PrescriptionItem[];
  advice?: string | null;
  follow_up?: string | null;
  verify_url: string;
  pdf_url: string;
}

export interface ChatMessage {
  id: string;
  from: 'patient' | 'doctor' | string;
  text: string;
  at: string;
}

export interface Rating {
  booking_id: string;
  stars: number;
  comment?: string | null;
  created_at: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Time zones

/** The browser's IANA time zone (the patient's), or UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function isValidTimeZone(tz: string | null | undefined): boolean {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function parts(date: Date, tz: string): Record<string, string> {
  const out: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** The calendar date (YYYY-MM-DD) of an instant in `tz`. */
export function dateInZone(instant: string | Date, tz: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const p = parts(d, tz);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The wall-clock time (HH:MM, 24 h) of an instant in `tz`. */
export function timeInZone(instant: string | Date, tz: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const p = parts(d, tz);
  return `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** A readable time of an instant in `tz` ("9:30 AM" or "09:30" as the locale writes it). */
export function formatTime(instant: string, tz: string, locale?: string): string {
  return new Date(instant).toLocaleTimeString(locale, { timeZone: tz, hour: 'numeric', minute: '2-digit' });
}

/** "Mon, 9 Mar 2026, 9:30 AM" in `tz`. */
export function formatDateTimeIn(instant: string | null | undefined, tz: string, locale?: string): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return d.toLocaleString(locale, {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** "Monday, 9 March" for a YYYY-MM-DD date (a calendar day, no zone arithmetic). */
export function formatDayLabel(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Date(Date.UTC(y, m - 1, d, 12)).toLocaleDateString(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
}

/** A YYYY-MM-DD date moved by `days` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! + days, 12));
  return t.toISOString().slice(0, 10);
}

// Old names some browsers still report (Chromium says Asia/Calcutta for India).
const ZONE_RENAMES: Record<string, string> = {
  Calcutta: 'Kolkata',
  Saigon: 'Ho Chi Minh',
  Katmandu: 'Kathmandu',
  Rangoon: 'Yangon',
  Kiev: 'Kyiv',
};

/** A short city-style name of a zone: "America/New_York" → "New York"; "Etc/UTC" → "UTC". */
export function zoneCity(tz: string): string {
  const last = tz.split('/').pop() ?? tz;
  return ZONE_RENAMES[last] ?? last.replace(/_/g, ' ');
}

export interface SlotDay {
  /** The day in the patient's zone, YYYY-MM-DD. */
  date: string;
  slots: Slot[];
}

/**
 * Slots grouped by the patient's calendar day (a doctor's evening in New York is the next morning in Kolkata),
 * days in order and slots by start within a day. Slots with an unreadable start are left out.
 */
export function groupSlotsByDay(slots: readonly Slot[], patientTz: string): SlotDay[] {
  const byDay = new Map<string, Slot[]>();
  const sorted = slots
    .filter((s) => !Number.isNaN(new Date(s.start).getTime()))
    .slice()
    .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  for (const s of sorted) {
    const day = dateInZone(s.start, patientTz);
    const list = byDay.get(day);
    if (list) list.push(s);
    else byDay.set(day, [s]);
  }
  return [...byDay.entries()].map(([date, list]) => ({ date, slots: list }));
}

const PARTS: { id: string; label: string; from: number }[] = [
  { id: 'night', label: 'Night', from: 0 },
  { id: 'morning', label: 'Morning', from: 6 },
  { id: 'afternoon', label: 'Afternoon', from: 12 },
  { id: 'evening', label: 'Evening', from: 17 },
];

/** A day's slots by part of the patient's day (night before 6, morning, afternoon from 12, evening from 17). */
export function slotsByPartOfDay(slots: readonly Slot[], patientTz: string): { id: string; label: string; slots: Slot[] }[] {
  const out = PARTS.map((p) => ({ id: p.id, label: p.label, slots: [] as Slot[] }));
  for (const s of slots) {
    const hour = Number(timeInZone(s.start, patientTz).slice(0, 2));
    let i = PARTS.length - 1;
    while (i > 0 && hour < PARTS[i]!.from) i--;
    out[i]!.slots.push(s);
  }
  return out.filter((g) => g.slots.length > 0);
}

/**
 * What a slot button says: the time in the patient's zone, and the doctor's local time when it differs
 * ("9:00 AM in New York", with the doctor's date when that is another day), both as the locale writes times.
 */
export function slotLabel(
  slot: Slot,
  patientTz: string,
  doctorTz: string | null | undefined,
  locale?: string,
): { time: string; doctorTime: string | null } {
  const time = formatTime(slot.start, patientTz, locale);
  if (!doctorTz || !isValidTimeZone(doctorTz) || sameOffsetAt(slot.start, patientTz, doctorTz)) return { time, doctorTime: null };
  const local = formatTime(slot.start, doctorTz, locale);
  const doctorDate = dateInZone(slot.start, doctorTz);
  const dayNote = doctorDate !== dateInZone(slot.start, patientTz) ? ` ${formatShortDate(doctorDate, locale)}` : '';
  return { time, doctorTime: `${local}${dayNote} in ${zoneCity(doctorTz)}` };
}

function formatShortDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12)).toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' });
}

/** True when both zones show the same wall clock at this instant. */
export function sameOffsetAt(instant: string, a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return dateInZone(instant, a) === dateInZone(instant, b) && timeInZone(instant, a) === timeInZone(instant, b);
  } catch {
    return false;
  }
}

/** The slot-list window for a doctor: from today in the doctor's zone, `days` days (the API allows 31). */
export function slotWindow(doctorTz: string, days = 14, now: Date = new Date()): { from: string; to: string } {
  const tz = isValidTimeZone(doctorTz) ? doctorTz : 'UTC';
  const from = dateInZone(now, tz);
  return { from, to: addDays(from, Math.max(0, Math.min(30, days - 1))) };
}

// ---------------------------------------------------------------------------------------------------------------
// Money


/** "₹500" for {amount: 50000, currency: "INR"}; "Free" for 0. */
export function formatMoney(m: Money | null | undefined, locale?: string): string {
  if (!m) return '';
  if (m.amount === 0) return 'Free';
  const digits = currencyDigits(m.currency);
  const major = m.amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: m.currency,
      minimumFractionDigits: Number.isInteger(major) ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major} ${m.currency}`;
  }
}

/** A fee typed in major units ("500", "499.50") as minor units, or null when empty/invalid. */
export function toMinorUnits(typed: string, currency = 'INR'): number | null {
  const t = typed.trim().replace(/,/g, '');
  if (t === '' || !/^\d+(\.\d+)?$/.test(t)) return null;
  return Math.round(Number(t) * 10 ** currencyDigits(currency));
}

/** Minor units as the major-unit text for an input ("50000" → "500"). */
export function fromMinorUnits(minor: string | number | null | undefined, currency = 'INR'): string {
  if (minor === null || minor === undefined || minor === '') return '';
  const n = Number(minor);
  if (!Number.isFinite(n)) return '';
  const major = n / 10 ** currencyDigits(currency);
  return String(Number(major.toFixed(currencyDigits(currency))));
}

/** The lowest fee a doctor charges (over the offered types), for the result card. */
export function lowestFee(d: Pick<DoctorSummary, 'consultation_types'>): Money | null {
  let best: Money | null = null;
  for (const t of Object.values(d.consultation_types ?? {})) {
    if (t?.fee && (best === null || t.fee.amount < best.amount)) best = t.fee;
  }
  return best;
}

export function offeredTypes(d: Pick<DoctorSummary, 'consultation_types'>): ConsultationType[] {
  return (['video', 'clinic'] as const).filter((t) => !!d.consultation_types?.[t]);
}

// ---------------------------------------------------------------------------------------------------------------
// Search: the filters live in the page's URL (shareable, back button works) and become the API's query.

export const SEARCH_KEYS = [
  'q',
  'specialty',
  'language',
  'gender',
  'type',
  'fee_min',
  'fee_max',
  'rating_min',
  'available_on',
  'near',
  'radius_km',
  'sort',
  'currency',
] as const;

export type SearchKey = (typeof SEARCH_KEYS)[number];
export type SearchFilters = Partial<Record<SearchKey, string>>;

export const SORTS: { value: string; label: string; needsNear?: boolean; needsQ?: boolean }[] = [
  { value: 'relevance', label: 'Best match', needsQ: true },
  { value: 'rating:desc', label: 'Highest rated' },
  { value: 'fee:asc', label: 'Lowest fee' },
  { value: 'fee:desc', label: 'Highest fee' },
  { value: 'next_available', label: 'Soonest available' },
  { value: 'distance', label: 'Nearest', needsNear: true },
];

export const GENDERS: { value: string; label: string }[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
];

/** The filters in a URL's search params (unknown keys and empty values dropped, text trimmed). */
export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const out: SearchFilters = {};
  for (const k of SEARCH_KEYS) {
    const v = params.get(k);
    if (v !== null && v.trim() !== '') out[k] = k === 'q' ? v : v.trim();
  }
  return out;
}

/** The page URL's search params for these filters (only the set ones). */
export function paramsFromFilters(f: SearchFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of SEARCH_KEYS) {
    const v = f[k];
    if (v !== undefined && v.trim() !== '') p.set(k, v);
  }
  return p;
}

/**
 * One filter changed; a sort that no longer applies (distance without near, relevance without text) is dropped.
 * Another currency drops the fee bounds (400 in rupees is not 400 in pounds).
 */
export function withFilter(f: SearchFilters, key: SearchKey, value: string | null | undefined): SearchFilters {
  const next: SearchFilters = { ...f };
  if (value === null || value === undefined || value.trim() === '') delete next[key];
  else next[key] = value;
  if (key === 'currency' && next.currency !== f.currency) {
    delete next.fee_min;
    delete next.fee_max;
  }
  if (next.sort === 'distance' && !next.near) delete next.sort;
  if (next.sort === 'relevance' && !next.q?.trim()) delete next.sort;
  if (!next.near) delete next.radius_km;
  return next;
}

/** How many filters (besides text, sort and the currency fees are shown in) are set, for "Clear filters (3)". */
export function activeFilterCount(f: SearchFilters): number {
  return SEARCH_KEYS.filter((k) => k !== 'q' && k !== 'sort' && k !== 'radius_km' && k !== 'currency' && !!f[k]).length;
}

// ---------------------------------------------------------------------------------------------------------------
// The currency fees are filtered and sorted in. The server compares fees only within one currency (a fee filter
// or sort names it, and doctors charging in others are left out); the page picks the patient's: the one they
// chose (kept in the URL), else that of their profile's country, else that of their browser's region.

/** Currencies the fee filter offers (the ones doctors here charge in first). */
export const FEE_CURRENCIES = ['INR', 'USD', 'GBP', 'EUR', 'AED', 'SGD', 'AUD', 'CAD'] as const;

const COUNTRY_CURRENCY: Record<string, string> = {
  IN: 'INR', US: 'USD', GB: 'GBP', AE: 'AED', SG: 'SGD', AU: 'AUD', CA: 'CAD',
  ...Object.fromEntries(['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'].map((c) => [c, 'EUR'])),
};

/** The currency of a country (ISO 3166-1 alpha-2), null when not one the fee filter offers. */
export function currencyOfCountry(country: string | null | undefined): string | null {
  return (country && COUNTRY_CURRENCY[country.toUpperCase()]) || null;
}

/** The region of a locale ("en-IN" → "IN"), null without one. */
export function localeRegion(locale: string | null | undefined): string | null {
  if (!locale) return null;
  try {
    return new Intl.Locale(locale).maximize().region ?? null;
  } catch {
    return null;
  }
}

/** The currency fees are compared in: chosen, else the profile country's, else the browser region's, else INR. */
export function feeCurrency(chosen: string | null | undefined, profileCountry: string | null | undefined, locale?: string | null): string {
  if (chosen && /^[A-Z]{3}$/.test(chosen)) return chosen;
  return currencyOfCountry(profileCountry) ?? currencyOfCountry(localeRegion(locale)) ?? 'INR';
}

/** Whether the search compares fees (then the server needs the currency and keeps only doctors charging in it). */
export function comparesFees(f: SearchFilters): boolean {
  return !!f.fee_min?.trim() || !!f.fee_max?.trim() || f.sort === 'fee:asc' || f.sort === 'fee:desc';
}

/**
 * The API query (with `?`) for a search page: the filters plus limit and cursor. Text is trimmed and its inner
 * spaces collapsed; a near without valid coordinates is left out (it would be a 422).
 */
export function searchQuery(f: SearchFilters, opts: { limit?: number; cursor?: string | null } = {}): string {
  const q = new URLSearchParams();
  for (const k of SEARCH_KEYS) {
    let v = f[k]?.trim();
    if (!v) continue;
    if (k === 'q') v = v.replace(/\s+/g, ' ');
    if (k === 'near' && !parseLatLng(v)) continue;
    if (k === 'radius_km' && !parseLatLng(f.near ?? '')) continue;
    if (k === 'sort' && v === 'distance' && !parseLatLng(f.near ?? '')) continue;
    q.set(k, v);
  }
  if (opts.limit) q.set('limit', String(opts.limit));
  if (opts.cursor) q.set('cursor', opts.cursor);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** "28.61,77.21" → {lat, lng}; null when it is not two numbers in range. */
export function parseLatLng(s: string): { lat: number; lng: number } | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat, lng };
}

/** Coordinates as the `near` value, rounded to ~100 m (enough for "near me", and less precise about the person). */
export function formatLatLng(lat: number, lng: number): string {
  return `${lat.toFixed(3)},${lng.toFixed(3)}`;
}

/** Facet entries for a chip row: counts shown, the selected one kept even when its count is 0. */
export function facetOptions(facets: readonly Facet[] | undefined, selected: string | undefined, names: Record<string, string> = {}): (Facet & { label: string })[] {
  const list = (facets ?? []).map((f) => ({ ...f, label: f.name ?? names[f.id] ?? languageName(f.id) }));
  if (selected && !list.some((f) => f.id === selected)) {
    list.unshift({ id: selected, count: 0, label: names[selected] ?? languageName(selected) });
  }
  return list;
}

/** "hi" → "Hindi" (the browser's names), the code itself when unknown. */
export function languageName(code: string, locale = 'en'): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** "4.6 ★ (31)" style text; "No ratings yet" without any. */
export function ratingText(r: RatingSummary | null | undefined): string {
  if (!r || !r.count || r.average === null || r.average === undefined) return 'No ratings yet';
  return `${r.average.toFixed(1)} ★ (${r.count} rating${r.count === 1 ? '' : 's'})`;
}

/** The latest comments of a public profile, whichever name the server gave the list. */
export function profileComments(p: DoctorProfile): RatingComment[] {
  return p.comments ?? p.recent_ratings ?? p.ratings ?? [];
}

export function commenterName(c: RatingComment): string {
  return c.first_name ?? c.patient_name ?? c.name ?? 'A patient';
}

// ---------------------------------------------------------------------------------------------------------------
// Booking

/** An Idempotency-Key per booking attempt: the same key while the same request is retried, a new one when it changes. */
export interface Attempt {
  key: string;
  body: string;
}

export function attemptFor(previous: Attempt | null, body: BookingInput, newKey: () => string): Attempt {
  const json = JSON.stringify(body, Object.keys(body).sort());
  if (previous && previous.body === json) return previous;
  return { key: newKey(), body: json };
}

/** A new random key (crypto.randomUUID where the browser has it). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function validateReason(reason: string): string | null {
  const r = reason.trim();
  if (r.length < 3) return 'Tell the doctor briefly why you are booking (at least 3 characters).';
  if (r.length > 1000) return 'Please keep the reason under 1000 characters.';
  return null;
}

export const STATUS_LABELS: Record<string, string> = {
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Missed',
};

export function statusLabel(s: string): string {
  return STATUS_LABELS[s] ?? s.replace(/_/g, ' ');
}

export function statusTone(s: string): 'ok' | 'warn' | 'muted' | 'danger' | 'kind' {
  switch (s) {
    case 'confirmed':
      return 'ok';
    case 'in_progress':
      return 'kind';
    case 'pending_payment':
      return 'warn';
    case 'cancelled':
    case 'no_show':
      return 'danger';
    default:
      return 'muted';
  }
}

/** Still ahead (or happening): shown under "Upcoming". */
export function isUpcoming(b: Pick<Booking, 'status' | 'end'>, now: Date = new Date()): boolean {
  if (b.status === 'in_progress') return true;
  if (b.status !== 'confirmed' && b.status !== 'pending_payment') return false;
  return new Date(b.end).getTime() > now.getTime();
}

/** The patient may try to cancel or reschedule (the server enforces the cancellation window). */
export function canChange(b: Pick<Booking, 'status' | 'start'>, now: Date = new Date()): boolean {
  return (b.status === 'confirmed' || b.status === 'pending_payment') && new Date(b.start).getTime() > now.getTime();
}

export function canJoin(b: Pick<Booking, 'status' | 'type'>): boolean {
  return b.status === 'in_progress' && b.type === 'video';
}

/** Upcoming first by start; past newest first. */
export function sortBookings(items: readonly Booking[], upcoming: boolean): Booking[] {
  const t = (b: Booking) => new Date(b.start).getTime();
  return items.slice().sort((a, b) => (upcoming ? t(a) - t(b) : t(b) - t(a)));
}

export function validateStars(stars: number): string | null {
  return Number.isInteger(stars) && stars >= 1 && stars <= 5 ? null : 'Choose 1 to 5 stars.';
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m === 0) return `${s} s`;
  if (m < 60) return s ? `${m} min ${s} s` : `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The problem type's last segment ("…/slot-taken" → "slot-taken"). */
export function problemKind(type: string | null | undefined): string {
  if (!type) return '';
  const m = /([a-z0-9-]+)\/?$/i.exec(type);
  return m ? m[1]!.toLowerCase() : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Video call

/** The WebSocket URL of the signaling channel, on the page's origin (ws: or wss:), with the access token. */
export function signalSocketUrl(pageUrl: string, signalPath: string, token: string): string {
  const base = new URL(pageUrl);
  const url = new URL(signalPath, base);
  url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('access_token', token);
  return url.toString();
}

/**
 * Perfect negotiation needs one polite side (gives way when both offer at once). The patient is polite: the
 * doctor runs the consultation and keeps its offer when both start at the same moment.
 */
export function isPolite(role: string): boolean {
  return role !== 'doctor';
}

/** Ice servers as RTCPeerConnection takes them (an empty url list dropped). */
export function rtcIceServers(servers: readonly IceServer[] | null | undefined): IceServer[] {
  return (servers ?? []).filter((s) => (Array.isArray(s.urls) ? s.urls.length > 0 : !!s.urls));
}

/**
 * The DTLS fingerprint of a session description. An offer with another fingerprint than the connection's remote
 * side comes from a new connection of the other side (it left and came back, or started afresh): it needs a new one
 * here too.
 */
export function sdpFingerprint(sdp: string | null | undefined): string | null {
  const m = /^a=fingerprint:(.+)$/im.exec(sdp ?? '');
  return m ? m[1]!.trim().toLowerCase() : null;
}

/** Adds chat messages (from history or the socket) without repeats, in time order. */
export function mergeChat(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** A path inside the app to return to (`?return=`), or the fallback: never another origin. */
export function safeReturnPath(raw: string | null | undefined, fallback: string): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  return raw;
}

/** An instant as the API writes it: ISO 8601 UTC without milliseconds ("2026-03-09T13:00:00Z"). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Where "Upcoming" starts listing: a few hours back, so a consultation that started late is still there. */
export function upcomingFrom(now: Date = new Date()): string {
  return isoSeconds(new Date(now.getTime() - 3 * 3600_000));
}
