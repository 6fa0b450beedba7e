// What the patient's side (consultations.ts) and the doctor's and admin's side (practice.ts) of the
// Consultation service share word for word: money, consultation types, specialties and bookings
// (docs/api/consultations.md), and the digits of a currency. Both files re-export these, so pages import
// them from either; the helpers that differ between the two sides (formatting, validation) stay there.

export interface Money {
  amount: number;
  currency: string;
}

export type ConsultationType = 'video' | 'clinic';

export interface Specialty {
  id: string;
  name: string;
  aliases?: string[];
}

export type BookingStatus = 'pending_payment' | 'confirmed' | 'in_progress' | 'completed' | 'cancelled' | 'no_show';

export interface Booking {
  id: string;
  doctor: { id: string; name: string };
  patient: { id: string; name: string };
  booked_by?: string;
  type: ConsultationType | string;
  location: { id: string; name?: string; city?: string } | null;
  start: string;
  end: string;
  local_start?: string;
  time_zone?: string;
  status: BookingStatus | string;
  reason?: string | null;
  fee?: Money | null;
  follow_up_of?: string | null;
  started_at?: string | null;
  ended_at?: string | null;
  duration_seconds?: number | null;
  cancellation?: { by: string; reason: string; at: string } | null;
  rescheduled_from?: string | null;
  created_at?: string;
  updated_at?: string;
  version?: number;
}

/** Digits after the decimal point of `currency` (INR 2, JPY 0, BHD 3); 2 when unknown. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
