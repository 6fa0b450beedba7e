// The calls of the User service (docs/api/users.md): /v1/users/{id}/…, where {id} is `me` or the id of a person
// the caller may act for (a guardian's dependent). Updates carry `If-Match` with the ETag of what was shown.
import { authedDownload, authedRequest, type Download } from './api';
import {
  buildQuery,
  resolveEtag,
  subjectSegment,
  type AccessLogEntry,
  type Consents,
  type EmergencyContact,
  type EmergencyContactInput,
  type ErasureResult,
  type FamilyMember,
  type HistoryEntry,
  type HistoryEntryInput,
  type Page,
  type Profile,
  type ProfileUpdate,
} from './users';

/** A resource with the ETag to send back when changing it. */
export interface Versioned<T> {
  data: T;
  etag: string | null;
}

function base(forId: string | null | undefined): string {
  return `/v1/users/${subjectSegment(forId)}`;
}

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

async function data<T>(method: string, path: string, opts: { body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  return (await authedRequest<T>(method, path, opts)).data;
}

// Profile ----------------------------------------------------------------------------------------------------------

export function getProfile(forId: string | null, signal?: AbortSignal): Promise<Versioned<Profile>> {
  return versioned<Profile>('GET', base(forId), { signal });
}

export function updateProfile(forId: string | null, etag: string | null, patch: ProfileUpdate): Promise<Versioned<Profile>> {
  return versioned<Profile>('PUT', base(forId), { body: patch, etag });
}

export function verifyContact(forId: string | null, channel: 'email' | 'phone', code: string): Promise<Versioned<Profile>> {
  return versioned<Profile>('POST', `${base(forId)}/contact/verify`, { body: { channel, code } });
}

// Medical history --------------------------------------------------------------------------------------------------

export function listHistory(
  forId: string | null,
  params: { kind?: string | null; limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<HistoryEntry>> {
  const q = buildQuery({ kind: params.kind ?? undefined, limit: params.limit, cursor: params.cursor ?? undefined });
  return data('GET', `${base(forId)}/medical-history${q}`, { signal });
}

export function getHistoryEntry(forId: string | null, entryId: string): Promise<Versioned<HistoryEntry>> {
  return versioned<HistoryEntry>('GET', `${base(forId)}/medical-history/${seg(entryId)}`);
}

export function createHistoryEntry(forId: string | null, body: HistoryEntryInput): Promise<Versioned<HistoryEntry>> {
  return versioned<HistoryEntry>('POST', `${base(forId)}/medical-history`, { body });
}

export function updateHistoryEntry(
  forId: string | null,
  entryId: string,
  etag: string | null,
  body: HistoryEntryInput,
): Promise<Versioned<HistoryEntry>> {
  return versioned<HistoryEntry>('PUT', `${base(forId)}/medical-history/${seg(entryId)}`, { body, etag });
}

export function deleteHistoryEntry(forId: string | null, entryId: string): Promise<void> {
  return data('DELETE', `${base(forId)}/medical-history/${seg(entryId)}`);
}

// Family -----------------------------------------------------------------------------------------------------------

export function listFamily(forId: string | null, signal?: AbortSignal): Promise<{ items: FamilyMember[] }> {
  return data('GET', `${base(forId)}/family-members`, { signal });
}

export function addFamilyMember(forId: string | null, body: Record<string, string>): Promise<unknown> {
  return data('POST', `${base(forId)}/family-members`, { body });
}

export function answerLink(forId: string | null, linkId: string, answer: 'accept' | 'decline'): Promise<unknown> {
  return data('POST', `${base(forId)}/family-members/${seg(linkId)}/${answer}`, { body: {} });
}

export function removeFamilyMember(forId: string | null, linkId: string): Promise<void> {
  return data('DELETE', `${base(forId)}/family-members/${seg(linkId)}`);
}

// Emergency contacts -----------------------------------------------------------------------------------------------

export function listEmergencyContacts(forId: string | null, signal?: AbortSignal): Promise<{ items: EmergencyContact[] }> {
  return data('GET', `${base(forId)}/emergency-contacts`, { signal });
}

export function createEmergencyContact(forId: string | null, body: EmergencyContactInput): Promise<EmergencyContact> {
  return data('POST', `${base(forId)}/emergency-contacts`, { body });
}

export function updateEmergencyContact(
  forId: string | null,
  contactId: string,
  etag: string | null,
  body: EmergencyContactInput,
): Promise<Versioned<EmergencyContact>> {
  return versioned<EmergencyContact>('PUT', `${base(forId)}/emergency-contacts/${seg(contactId)}`, { body, etag });
}

export function deleteEmergencyContact(forId: string | null, contactId: string): Promise<void> {
  return data('DELETE', `${base(forId)}/emergency-contacts/${seg(contactId)}`);
}

// Consents, access log, export, erasure ----------------------------------------------------------------------------

export function getConsents(forId: string | null, signal?: AbortSignal): Promise<Consents> {
  return data('GET', `${base(forId)}/consents`, { signal });
}

export function setConsent(forId: string | null, body: { purpose: string; granted: boolean; text_version: string }): Promise<Consents> {
  return data('PUT', `${base(forId)}/consents`, { body });
}

export function getAccessLog(
  forId: string | null,
  params: { limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<AccessLogEntry>> {
  return data('GET', `${base(forId)}/access-log${buildQuery({ limit: params.limit, cursor: params.cursor ?? undefined })}`, { signal });
}

export function downloadExport(forId: string | null, format: 'json' | 'pdf'): Promise<Download> {
  return format === 'pdf'
    ? authedDownload(`${base(forId)}/export?format=pdf`, 'application/pdf')
    : authedDownload(`${base(forId)}/export`, 'application/json');
}

/** `eraseDependents`: also erase the dependents the person alone manages (the server refuses with 409 otherwise). */
export function eraseAccount(forId: string | null, confirm: string, eraseDependents = false): Promise<ErasureResult> {
  return data('DELETE', base(forId), { body: eraseDependents ? { confirm, erase_dependents: true } : { confirm } });
}
