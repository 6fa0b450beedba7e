// The patient's calls of the Consultation service (docs/api/consultations.md): search, doctor profiles, slots,
// bookings, the call's room, notes (the plan), prescriptions and ratings.
import { ApiError, authedDownload, authedRequest, type Download } from './api';
import {
  searchQuery,
  type Booking,
  type BookingInput,
  type ChatMessage,
  type DoctorProfile,
  type Prescription,
  type Rating,
  type Room,
  type SearchFilters,
  type SearchResult,
  type SlotList,
  type Specialty,
} from './consultations';
import { buildQuery } from './users';

function seg(id: string): string {
  return encodeURIComponent(id);
}

async function data<T>(
  method: string,
  path: string,
  opts: { body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  return (await authedRequest<T>(method, path, opts)).data;
}

// Doctors ----------------------------------------------------------------------------------------------------------

export function listSpecialties(signal?: AbortSignal): Promise<{ items: Specialty[] }> {
  return data('GET', '/v1/consultations/specialties', { signal });
}

export function searchDoctors(
  filters: SearchFilters,
  opts: { limit?: number; cursor?: string | null; signal?: AbortSignal } = {},
): Promise<SearchResult> {
  return data('GET', `/v1/consultations/doctors${searchQuery(filters, { limit: opts.limit, cursor: opts.cursor })}`, { signal: opts.signal });
}

export function getDoctor(id: string, signal?: AbortSignal): Promise<DoctorProfile> {
  return data('GET', `/v1/consultations/doctors/${seg(id)}`, { signal });
}

export function getSlots(
  doctorId: string,
  params: { from: string; to: string; type?: string | null },
  signal?: AbortSignal,
): Promise<SlotList> {
  const q = buildQuery({ from: params.from, to: params.to, type: params.type ?? undefined });
  return data('GET', `/v1/consultations/doctors/${seg(doctorId)}/slots${q}`, { signal });
}

// Bookings ---------------------------------------------------------------------------------------------------------

/** Books a slot; `idempotencyKey` is the same on a retry of the same attempt, so a lost answer books once. */
export function createBooking(input: BookingInput, idempotencyKey: string): Promise<Booking> {
  return data('POST', '/v1/consultations/bookings', { body: input, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function getBooking(id: string, signal?: AbortSignal): Promise<Booking> {
  return data('GET', `/v1/consultations/bookings/${seg(id)}`, { signal });
}

export function listBookings(
  params: { role?: 'patient' | 'doctor'; status?: string; from?: string; to?: string; limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<{ items: Booking[]; next_cursor?: string | null }> {
  const q = buildQuery({
    role: params.role ?? 'patient',
    status: params.status,
    from: params.from,
    to: params.to,
    limit: params.limit,
    cursor: params.cursor ?? undefined,
  });
  return data('GET', `/v1/consultations/bookings${q}`, { signal });
}

export function cancelBooking(id: string, reason: string): Promise<Booking> {
  return data('PUT', `/v1/consultations/bookings/${seg(id)}/cancel`, { body: { reason } });
}

export function rescheduleBooking(id: string, start: string): Promise<Booking> {
  return data('PUT', `/v1/consultations/bookings/${seg(id)}/reschedule`, { body: { start } });
}

// The consultation -------------------------------------------------------------------------------------------------

export function getRoom(bookingId: string, signal?: AbortSignal): Promise<Room> {
  return data('GET', `/v1/consultations/${seg(bookingId)}/room`, { signal });
}

export function endConsultation(bookingId: string): Promise<{ status: string; ended_at: string; duration_seconds: number }> {
  return data('POST', `/v1/consultations/${seg(bookingId)}/end`, { body: {} });
}

/** The stored chat of a consultation, all pages (a consultation's chat is short). */
export async function getChat(bookingId: string, signal?: AbortSignal): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const r: { items?: ChatMessage[]; next_cursor?: string | null } = await data(
      'GET',
      `/v1/consultations/${seg(bookingId)}/chat${buildQuery({ limit: 100, cursor: cursor ?? undefined })}`,
      { signal },
    );
    out.push(...(r.items ?? []));
    cursor = r.next_cursor ?? null;
    if (!cursor) break;
  }
  return out;
}

/** The patient's view of the notes: the plan only. */
export function getPlan(bookingId: string, signal?: AbortSignal): Promise<{ plan?: string | null }> {
  return data('GET', `/v1/consultations/${seg(bookingId)}/notes`, { signal });
}

export function getConsultationPrescription(bookingId: string, signal?: AbortSignal): Promise<Prescription> {
  return data('GET', `/v1/consultations/${seg(bookingId)}/prescription`, { signal });
}

export function getPrescription(id: string, signal?: AbortSignal): Promise<Prescription> {
  return data('GET', `/v1/prescriptions/${seg(id)}`, { signal });
}

export function downloadPrescriptionPdf(p: Pick<Prescription, 'id' | 'pdf_url'>): Promise<Download> {
  return authedDownload(p.pdf_url || `/v1/prescriptions/${seg(p.id)}/pdf`, 'application/pdf');
}

/** The consultation's rating, or null when it was not rated yet. */
export async function getRating(bookingId: string, signal?: AbortSignal): Promise<Rating | null> {
  try {
    return await data<Rating>('GET', `/v1/consultations/${seg(bookingId)}/rating`, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export function rateConsultation(bookingId: string, stars: number, comment: string): Promise<Rating> {
  const body: { stars: number; comment?: string } = { stars };
  if (comment.trim()) body.comment = comment.trim();
  return data('POST', `/v1/consultations/${seg(bookingId)}/rating`, { body });
}

/** What a clinic booking's location carries beside its name (GET /bookings/{id}). */
export interface VisitLocation {
  id: string;
  name?: string | null;
  address_line?: string | null;
  directions_url?: string | null;
}

/** The booking as an iCalendar file ("Add to calendar"): same UID each time, so a new download updates the event. */
export function downloadBookingCalendar(bookingId: string): Promise<Download> {
  return authedDownload(`/v1/consultations/bookings/${seg(bookingId)}/calendar.ics`, 'text/calendar');
}
