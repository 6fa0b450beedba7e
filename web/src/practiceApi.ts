// The calls of the doctor's and the admin's consultation pages (docs/api/consultations.md): the practice profile
// and its verification, weekly hours and exceptions, the doctor's appointments, the consultation (start, end,
// notes, prescription) and the admin's provider queue. Updates carry `If-Match` with the ETag of what was shown.
import { ApiError, authedDownload, authedRequest, type Download } from './api';
import type {
  Booking,
  ConsultationNotes,
  DoctorProfile,
  DoctorProfileInput,
  EndResult,
  Prescription,
  PrescriptionInput,
  ProviderQueueItem,
  Schedule,
  ScheduleException,
  ScheduleExceptionInput,
  SoapNotes,
  Specialty,
  StartResult,
  VerifyDecision,
} from './practice';
import { buildQuery, resolveEtag, type Page } from './users';
import type { Versioned } from './usersApi';

const C = '/v1/consultations';

function seg(id: string): string {
  return encodeURIComponent(id);
}

async function versioned<T extends { version?: number }>(
  method: string,
  path: string,
  opts: { body?: unknown; etag?: string | null; signal?: AbortSignal } = {},
): Promise<Versioned<T>> {
  const headers: Record<string, string> = {};
  if (opts.etag) headers['If-Match'] = opts.etag;
  const r = await authedRequest<T>(method, path, { body: opts.body, headers, signal: opts.signal });
  return { data: r.data, etag: resolveEtag(r.headers.get('ETag'), r.data?.version) };
}

async function data<T>(method: string, path: string, opts: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  return (await authedRequest<T>(method, path, opts)).data;
}

/** A read that answers 404 until the first write: null then. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

// Practice profile and verification ------------------------------------------------------------------------------

export function listSpecialties(signal?: AbortSignal): Promise<{ items: Specialty[] }> {
  return data('GET', `${C}/specialties`, { signal });
}

/** The doctor's own profile, or null before the first save. */
export function getMyPractice(signal?: AbortSignal): Promise<Versioned<DoctorProfile> | null> {
  return orNull(versioned<DoctorProfile>('GET', `${C}/doctors/me`, { signal }));
}

export function saveMyPractice(etag: string | null, body: DoctorProfileInput): Promise<Versioned<DoctorProfile>> {
  return versioned<DoctorProfile>('PUT', `${C}/doctors/me`, { body, etag });
}

export function submitForVerification(): Promise<Versioned<DoctorProfile>> {
  return versioned<DoctorProfile>('POST', `${C}/doctors/me/submit`, { body: {} });
}

// Weekly hours and exceptions -------------------------------------------------------------------------------------

/**
 * The weekly hours (null when the API answers 404). Before the first save the API answers version 0: that
 * version is not a precondition the first PUT may carry, so it comes without an ETag.
 */
export async function getSchedule(signal?: AbortSignal): Promise<Versioned<Schedule> | null> {
  const r = await orNull(versioned<Schedule>('GET', `${C}/doctors/me/schedule`, { signal }));
  return r && r.data.version === 0 ? { ...r, etag: null } : r;
}

export function saveSchedule(etag: string | null, body: Omit<Schedule, 'version'>): Promise<Versioned<Schedule>> {
  return versioned<Schedule>('PUT', `${C}/doctors/me/schedule`, { body, etag });
}

export function listExceptions(params: { from?: string; to?: string }, signal?: AbortSignal): Promise<{ items: ScheduleException[] }> {
  return data('GET', `${C}/doctors/me/exceptions${buildQuery(params)}`, { signal });
}

export function createException(body: ScheduleExceptionInput): Promise<ScheduleException> {
  return data('POST', `${C}/doctors/me/exceptions`, { body });
}

export function deleteException(id: string): Promise<void> {
  return data('DELETE', `${C}/doctors/me/exceptions/${seg(id)}`);
}

// Appointments ---------------------------------------------------------------------------------------------------

export function listDoctorBookings(
  params: { from?: string; to?: string; status?: string; limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<Booking>> {
  const q = buildQuery({ role: 'doctor', from: params.from, to: params.to, status: params.status, limit: params.limit, cursor: params.cursor ?? undefined });
  return data('GET', `${C}/bookings${q}`, { signal });
}

export function getBooking(id: string, signal?: AbortSignal): Promise<Booking> {
  return data('GET', `${C}/bookings/${seg(id)}`, { signal });
}

export function cancelBooking(id: string, reason: string): Promise<Booking> {
  return data('PUT', `${C}/bookings/${seg(id)}/cancel`, { body: { reason } });
}

export function markNoShow(id: string): Promise<Booking> {
  return data('PUT', `${C}/bookings/${seg(id)}/no-show`, { body: {} });
}

// The consultation --------------------------------------------------------------------------------------------------

export function startConsultation(id: string): Promise<StartResult> {
  return data('POST', `${C}/${seg(id)}/start`, { body: {} });
}

export function endConsultation(id: string): Promise<EndResult> {
  return data('POST', `${C}/${seg(id)}/end`, { body: {} });
}

/** The SOAP notes, or null before the first save. */
export function getNotes(id: string, signal?: AbortSignal): Promise<Versioned<ConsultationNotes> | null> {
  return orNull(versioned<ConsultationNotes>('GET', `${C}/${seg(id)}/notes`, { signal }));
}

export function saveNotes(id: string, etag: string | null, body: SoapNotes): Promise<Versioned<ConsultationNotes>> {
  return versioned<ConsultationNotes>('PUT', `${C}/${seg(id)}/notes`, { body, etag });
}

/** The consultation's prescription, or null when none was issued. */
export function getConsultationPrescription(id: string, signal?: AbortSignal): Promise<Prescription | null> {
  return orNull(data<Prescription>('GET', `${C}/${seg(id)}/prescription`, { signal }));
}

export function issuePrescription(id: string, body: PrescriptionInput): Promise<Prescription> {
  return data('POST', `${C}/${seg(id)}/prescription`, { body });
}

export function downloadPrescriptionPdf(rx: Pick<Prescription, 'id' | 'pdf_url'>): Promise<Download> {
  return authedDownload(rx.pdf_url || `/v1/prescriptions/${seg(rx.id)}/pdf`, 'application/pdf');
}

// Admin: provider verification -------------------------------------------------------------------------------------

export function listProviders(
  params: { status?: string; limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<ProviderQueueItem>> {
  return data('GET', `/v1/admin/providers${buildQuery({ status: params.status, limit: params.limit, cursor: params.cursor ?? undefined })}`, { signal });
}

export function verifyProvider(id: string, decision: 'approve' | 'reject', reason?: string): Promise<VerifyDecision> {
  const body: { decision: string; reason?: string } = { decision };
  if (reason !== undefined && reason.trim() !== '') body.reason = reason.trim();
  return data('POST', `/v1/admin/providers/${seg(id)}/verify`, { body });
}
