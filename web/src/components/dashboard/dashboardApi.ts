// The home pages' own reads (docs/api/consultations.md, "Home pages"): the admin's queue counts and provider
// preview, and a person's latest prescriptions.
import { authedRequest } from '../../api';
import type { DoctorProfile } from '../../practice';

export interface ProviderCounts {
  pending: number;
  verified: number;
  rejected: number;
  draft: number;
}

export interface ProviderPreview extends DoctorProfile {
  email: string | null;
  phone: string | null;
}

export interface RecentPrescription {
  id: string;
  booking_id: string;
  issued_at: string;
  doctor: { id: string; name: string };
  patient: { id: string; name: string };
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await authedRequest<T>('GET', path, { signal })).data;
}

export function getProviderCounts(signal?: AbortSignal): Promise<ProviderCounts> {
  return get('/v1/admin/providers/counts', signal);
}

export function getProviderPreview(id: string, signal?: AbortSignal): Promise<ProviderPreview> {
  return get(`/v1/admin/providers/${encodeURIComponent(id)}`, signal);
}

export function listRecentPrescriptions(limit = 5, signal?: AbortSignal): Promise<{ items: RecentPrescription[] }> {
  return get(`/v1/prescriptions?limit=${limit}`, signal);
}
