// A visitor books from a doctor's public profile: they choose a time without an account, "Book" asks them to sign
// in, and sign-in brings them back to the same doctor with the same time chosen. The chosen slot travels in the
// return URL (`?slot=…`), so it survives the sign-in page (and a reload); the server checks it again on booking.
import type { Slot } from './consultations';

const FIELDS = ['start', 'end', 'local_date', 'local_start', 'local_end', 'type'] as const;

export function slotParam(slot: Slot): string {
  return JSON.stringify({
    start: slot.start, end: slot.end, local_date: slot.local_date, local_start: slot.local_start,
    local_end: slot.local_end, type: slot.type, location_id: slot.location_id ?? null,
  });
}

/** The slot in a `?slot=` value, or null when it is missing or not a slot's shape. */
export function slotFromParam(value: string | null): Slot | null {
  if (!value || value.length > 1000) return null;
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (!FIELDS.every((k) => typeof o[k] === 'string' && (o[k] as string).length > 0)) return null;
  if (Number.isNaN(Date.parse(o.start as string))) return null;
  if (o.location_id !== null && o.location_id !== undefined && typeof o.location_id !== 'string') return null;
  return {
    start: o.start as string, end: o.end as string, local_date: o.local_date as string,
    local_start: o.local_start as string, local_end: o.local_end as string, type: o.type as string,
    location_id: (o.location_id as string | null | undefined) ?? null,
  };
}

/** Where sign-in returns to: the doctor's profile with the chosen time. */
export function profileWithSlot(doctorId: string, slot: Slot | null): string {
  const base = `/doctors/${encodeURIComponent(doctorId)}`;
  return slot ? `${base}?${new URLSearchParams({ slot: slotParam(slot) }).toString()}` : base;
}
