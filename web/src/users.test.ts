import { describe, expect, it } from 'vitest';
import { filenameFromDisposition, isCredentialProblem, parseProblem } from './api';
import {
  ageOn,
  appendPage,
  basisLabel,
  buildQuery,
  canWriteFor,
  contactBody,
  dependentBody,
  describeAccess,
  detailSummary,
  emptyContactForm,
  emptyEntryForm,
  entryBody,
  entryToForm,
  erasureConfirmed,
  etagFromVersion,
  fieldErrors,
  groupByKind,
  isE164,
  isGranted,
  isIsoDate,
  isDependentsProblem,
  isPreconditionFailed,
  isRefused,
  linkBody,
  memberRelation,
  nextCursor,
  normalizePhone,
  parseNumber,
  profilePatch,
  profileToForm,
  resolveEtag,
  sortContacts,
  sortHistory,
  subjectSegment,
  unshownErrors,
  upsertById,
  validateCode,
  validateContact,
  validateContactChange,
  validateDependent,
  validateEntry,
  validateLink,
  validateProfile,
  validationProblem,
  viewableMembers,
  withFor,
  type EmergencyContact,
  type FamilyMember,
  type HistoryEntry,
  type Profile,
} from './users';

const PROFILE: Profile = {
  id: 'usr_1',
  name: 'Priya Sharma',
  email: 'p@x.org',
  phone: '+919876543210',
  email_verified: true,
  phone_verified: false,
  role: 'patient',
  date_of_birth: '1990-04-12',
  sex: 'female',
  preferred_language: 'hi',
  address: { line1: '12 MG Road', line2: null, city: 'Pune', region: 'MH', postal_code: '411001', country: 'IN', lat: 18.52, lng: 73.85 },
  blood_group: 'B+',
  height_cm: 162,
  weight_kg: 58.5,
  photo_ref: null,
  is_dependent: false,
  pending_email: null,
  pending_phone: null,
  version: 3,
  updated_at: '2026-01-01T00:00:00Z',
};

const fields = (errs: { field: string }[]) => errs.map((e) => e.field);

describe('whose data', () => {
  it('uses "me" unless a member id is given', () => {
    expect(subjectSegment(null)).toBe('me');
    expect(subjectSegment('  ')).toBe('me');
    expect(subjectSegment('usr_a/b')).toBe('usr_a%2Fb');
    expect(withFor('/profile', null)).toBe('/profile');
    expect(withFor('/profile', 'usr_7')).toBe('/profile?for=usr_7');
    expect(withFor('/medical-history?kind=allergy', 'usr_7')).toBe('/medical-history?kind=allergy&for=usr_7');
  });

  it('lists dependents and accepted outgoing links only; linked relatives read', () => {
    const m = (over: Partial<FamilyMember>): FamilyMember => ({
      link_id: 'fam_' + Math.random(),
      member: { id: 'usr_x', name: 'X' },
      relationship: 'child',
      kind: 'dependent',
      status: 'active',
      direction: 'outgoing',
      created_at: '',
      ...over,
    });
    const dep = m({ member: { id: 'usr_d', name: 'D' } });
    const linked = m({ kind: 'linked', relationship: 'spouse', member: { id: 'usr_l', name: 'L' } });
    const incoming = m({ kind: 'linked', direction: 'incoming', relationship: 'parent', member: { id: 'usr_i', name: 'I' } });
    const items = [dep, linked, m({ kind: 'linked', status: 'pending' }), incoming, m({ status: 'declined' })];
    expect(viewableMembers(items).map((x) => x.member.id)).toEqual(['usr_d', 'usr_l', 'usr_i']);
    expect(memberRelation(dep)).toBe('child');
    expect(memberRelation(linked)).toBe('spouse or partner');
    expect(memberRelation(incoming)).toBe('linked account');
    expect(canWriteFor(null, null)).toBe(true);
    expect(canWriteFor('usr_d', dep)).toBe(true);
    expect(canWriteFor('usr_l', linked)).toBe(false);
    expect(canWriteFor('usr_unknown', null)).toBe(true);
  });
});

describe('ETags and cursors', () => {
  it('sends back the header as is, or the quoted version', () => {
    expect(resolveEtag('"3"', 9)).toBe('"3"');
    expect(resolveEtag('W/"3"', 9)).toBe('W/"3"');
    expect(resolveEtag('4', null)).toBe('"4"');
    expect(resolveEtag(null, 5)).toBe('"5"');
    expect(resolveEtag('', undefined)).toBeNull();
    expect(etagFromVersion(1)).toBe('"1"');
    expect(etagFromVersion(undefined)).toBeNull();
  });

  it('refreshes the session for an expired token, not for a wrong code', () => {
    expect(isCredentialProblem(parseProblem(401, { type: 'https://kiorex.dev/problems/invalid-otp', status: 401 }))).toBe(true);
    expect(isCredentialProblem(parseProblem(401, { type: 'https://kiorex.dev/problems/otp-locked', status: 401 }))).toBe(true);
    expect(isCredentialProblem(parseProblem(401, { type: 'https://kiorex.dev/problems/unauthorized', status: 401 }))).toBe(false);
    expect(isCredentialProblem(parseProblem(401, undefined))).toBe(false);
  });

  it('recognises a stale update', () => {
    expect(isPreconditionFailed(parseProblem(412, { type: 'https://kiorex.dev/problems/precondition-failed' }))).toBe(true);
    expect(isPreconditionFailed(parseProblem(409, {}))).toBe(false);
    expect(isPreconditionFailed(null)).toBe(false);
    expect(isDependentsProblem(parseProblem(409, { type: 'https://kiorex.dev/problems/dependents-need-confirmation' }))).toBe(true);
    expect(isDependentsProblem(parseProblem(409, { type: 'https://kiorex.dev/problems/conflict' }))).toBe(false);
    expect(isDependentsProblem(null)).toBe(false);
  });

  it('builds queries without empty parameters', () => {
    expect(buildQuery({ kind: 'allergy', limit: 20, cursor: undefined })).toBe('?kind=allergy&limit=20');
    expect(buildQuery({ kind: null, cursor: '' })).toBe('');
    expect(buildQuery({ cursor: 'a+b/c=' })).toBe('?cursor=a%2Bb%2Fc%3D');
  });

  it('appends pages without repeating items and stops at the last page', () => {
    const a = [{ id: '1' }, { id: '2' }];
    expect(appendPage(a, [{ id: '2' }, { id: '3' }], (x) => x.id)).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
    expect(a).toHaveLength(2);
    expect(nextCursor({ next_cursor: 'abc' })).toBe('abc');
    expect(nextCursor({ next_cursor: null })).toBeNull();
    expect(nextCursor({ next_cursor: '' })).toBeNull();
    expect(nextCursor({})).toBeNull();
  });

  it('replaces an updated item in place, new ones go first', () => {
    const list = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    expect(upsertById(list, { id: 'b', v: 2 })).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
    ]);
    expect(upsertById(list, { id: 'c', v: 1 })[0]).toEqual({ id: 'c', v: 1 });
  });
});

describe('field errors', () => {
  it('keys nested fields with dots, whether the API sends pointers or dots', () => {
    const p = parseProblem(422, {
      status: 422,
      errors: [
        { pointer: '/address/city', detail: 'is required' },
        { field: 'details.severity', message: 'must be mild, moderate or severe' },
        { field: 'code/value', message: 'too long' },
        { field: 'unknown_field', message: 'is not allowed' },
      ],
    });
    expect(fieldErrors(p)).toEqual({
      'address.city': 'is required',
      'details.severity': 'must be mild, moderate or severe',
      'code.value': 'too long',
      unknown_field: 'is not allowed',
    });
    expect(unshownErrors(p, ['address.city', 'details.severity', 'code.value'])).toEqual([{ field: 'unknown_field', message: 'is not allowed' }]);
  });

  it('makes a 422-like problem from client-side errors, or none', () => {
    expect(validationProblem([])).toBeNull();
    const p = validationProblem([{ field: 'name', message: 'Please enter a name.' }]);
    expect(p?.status).toBe(422);
    expect(fieldErrors(p)).toEqual({ name: 'Please enter a name.' });
  });
});

describe('basic checks', () => {
  it('checks real dates and phone numbers', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-3')).toBe(false);
    expect(normalizePhone(' +91 98765-43210 ')).toBe('+919876543210');
    expect(normalizePhone('+1 (415) 555.0100')).toBe('+14155550100');
    expect(isE164('+919876543210')).toBe(true);
    expect(isE164('9876543210')).toBe(false);
    expect(isE164('+0123456789')).toBe(false);
  });

  it('parses numbers from form fields', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber(' 58,5 ')).toBe(58.5);
    expect(parseNumber('162')).toBe(162);
    expect(parseNumber('1e3')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
  });

  it('computes an age', () => {
    expect(ageOn('1990-04-12', '2026-04-11')).toBe(35);
    expect(ageOn('1990-04-12', '2026-04-12')).toBe(36);
    expect(ageOn('2030-01-01', '2026-01-01')).toBeNull();
    expect(ageOn(null)).toBeNull();
  });
});

describe('profile form', () => {
  it('round-trips a profile without changes', () => {
    expect(profilePatch(PROFILE, profileToForm(PROFILE))).toEqual({});
  });

  it('sends only the changed fields, emptied ones as null', () => {
    const f = { ...profileToForm(PROFILE), name: '  Priya S. ', height_cm: '163', weight_kg: '', blood_group: '' };
    expect(profilePatch(PROFILE, f)).toEqual({ name: 'Priya S.', height_cm: 163, weight_kg: null, blood_group: null });
  });

  it('sends the whole address; coordinates stay only when the place did not move', () => {
    const sameplace = profilePatch(PROFILE, { ...profileToForm(PROFILE), line2: 'Flat 4' });
    expect(sameplace.address).toEqual({ ...PROFILE.address, line2: 'Flat 4' });
    const moved = profilePatch(PROFILE, { ...profileToForm(PROFILE), city: 'Mumbai', postal_code: '400001', country: 'in' });
    expect(moved.address).toEqual({ line1: '12 MG Road', line2: null, city: 'Mumbai', region: 'MH', postal_code: '400001', country: 'IN' });
    const cleared = profilePatch(PROFILE, { ...profileToForm(PROFILE), line1: '', city: '', region: '', postal_code: '', country: '' });
    expect(cleared.address).toBeNull();
    const none = { ...PROFILE, address: null };
    expect(profilePatch(none, profileToForm(none))).toEqual({});
  });

  it('validates against the contract limits', () => {
    const ok = profileToForm(PROFILE);
    expect(validateProfile(ok, '2026-06-01')).toEqual([]);
    const bad = { ...ok, name: ' ', date_of_birth: '2027-01-01', height_cm: '300', weight_kg: 'x', country: 'IND', preferred_language: 'h' };
    expect(fields(validateProfile(bad, '2026-06-01'))).toEqual([
      'name',
      'date_of_birth',
      'height_cm',
      'weight_kg',
      'preferred_language',
      'address.country',
    ]);
    expect(fields(validateProfile({ ...ok, date_of_birth: '1899-12-31' }, '2026-06-01'))).toEqual(['date_of_birth']);
    expect(fields(validateProfile({ ...ok, date_of_birth: '2026-02-30' }, '2026-06-01'))).toEqual(['date_of_birth']);
  });

  it('validates a new email or phone and the code', () => {
    expect(validateContactChange('email', 'new@x.org')).toEqual([]);
    expect(fields(validateContactChange('email', 'nope'))).toEqual(['email']);
    expect(validateContactChange('phone', '+91 98765 43210')).toEqual([]);
    expect(fields(validateContactChange('phone', '98765'))).toEqual(['phone']);
    expect(validateCode(' 123456 ')).toEqual([]);
    expect(fields(validateCode('12345'))).toEqual(['code']);
  });
});

describe('medical history', () => {
  const entry: HistoryEntry = {
    id: 'mhe_1',
    kind: 'allergy',
    title: 'Penicillin',
    notes: 'rash within hours',
    code: { system: 'SNOMED-CT', value: '91936005' },
    onset_date: '2015-06-01',
    end_date: null,
    status: 'active',
    details: { reaction: 'rash', severity: 'moderate' },
    recorded_by: { id: 'usr_1', role: 'patient' },
    created_at: '2026-01-01T00:00:00Z',
    version: 1,
  };

  it('round-trips an entry through the form', () => {
    const body = entryBody(entryToForm(entry));
    expect(body).toEqual({
      kind: 'allergy',
      title: 'Penicillin',
      status: 'active',
      notes: 'rash within hours',
      onset_date: '2015-06-01',
      end_date: null,
      code: { system: 'SNOMED-CT', value: '91936005' },
      details: { reaction: 'rash', severity: 'moderate' },
    });
  });

  it('sends only the chosen kind’s details, numbers as numbers, no code without a system', () => {
    const f = { ...emptyEntryForm('immunization'), title: ' Hepatitis B ', details: { dose_number: '2', lot: '', reaction: 'stray' } };
    expect(entryBody(f)).toMatchObject({ kind: 'immunization', title: 'Hepatitis B', details: { dose_number: 2 }, code: null });
  });

  it('validates the contract limits and kind-specific fields', () => {
    expect(validateEntry({ ...emptyEntryForm('medication'), title: 'Metformin 500 mg' })).toEqual([]);
    const bad = {
      ...emptyEntryForm('allergy'),
      title: '',
      notes: 'x'.repeat(4001),
      onset_date: '2020-05-01',
      end_date: '2020-04-01',
      code_value: 'x'.repeat(41),
      details: { severity: 'deadly' },
    };
    expect(fields(validateEntry(bad))).toEqual(['title', 'notes', 'end_date', 'code.system', 'code.value', 'details.severity']);
    expect(fields(validateEntry({ ...emptyEntryForm('immunization'), title: 'x', details: { dose_number: 'two' } }))).toEqual(['details.dose_number']);
    expect(fields(validateEntry({ ...emptyEntryForm('condition'), title: 'x', code_system: 'ICD-10' }))).toEqual(['code.value']);
    expect(fields(validateEntry({ ...emptyEntryForm('nonsense'), title: 'x' }))).toEqual(['kind']);
  });

  it('summarises details and groups by kind in a fixed order', () => {
    expect(detailSummary(entry)).toBe('Rash · moderate reaction');
    expect(detailSummary({ kind: 'immunization', details: { dose_number: 2, lot: 'AB12' } })).toBe('Dose 2 · lot AB12');
    expect(detailSummary({ kind: 'medication', details: { dose: '1 tablet', frequency: 'twice a day', route: 'oral' } })).toBe(
      '1 tablet · twice a day · oral',
    );
    expect(detailSummary({ kind: 'condition', details: null })).toBe('');
    const med = { ...entry, id: 'm', kind: 'medication' };
    const cond = { ...entry, id: 'c', kind: 'condition' };
    const odd = { ...entry, id: 'o', kind: 'other_kind' };
    const groups = groupByKind([med, odd, entry, cond]);
    expect(groups.map((g) => g.kind)).toEqual(['condition', 'allergy', 'medication', 'other_kind']);
    expect(groups[1]?.label).toBe('Allergies');
  });
});

describe('family', () => {
  it('validates and builds a dependent', () => {
    const f = { name: ' Aarav Sharma ', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' };
    expect(validateDependent(f, '2026-01-01')).toEqual([]);
    expect(dependentBody(f)).toEqual({ kind: 'dependent', name: 'Aarav Sharma', relationship: 'child', date_of_birth: '2019-02-03', sex: 'male' });
    expect(dependentBody({ ...f, date_of_birth: '', sex: '' })).toEqual({ kind: 'dependent', name: 'Aarav Sharma', relationship: 'child' });
    expect(fields(validateDependent({ name: '', relationship: 'cousin', date_of_birth: '2030-01-01', sex: '' }, '2026-01-01'))).toEqual([
      'name',
      'relationship',
      'date_of_birth',
    ]);
  });

  it('validates and builds a link request by email or phone', () => {
    expect(validateLink({ channel: 'email', address: 'x@y.org', relationship: 'spouse' })).toEqual([]);
    expect(linkBody({ channel: 'email', address: ' x@y.org ', relationship: 'spouse' })).toEqual({ kind: 'linked', email: 'x@y.org', relationship: 'spouse' });
    expect(linkBody({ channel: 'phone', address: '+91 98123 45678', relationship: 'parent' })).toEqual({
      kind: 'linked',
      phone: '+919812345678',
      relationship: 'parent',
    });
    const empty = validateLink({ channel: 'phone', address: '', relationship: 'spouse' });
    expect(empty).toEqual([{ field: 'phone', message: 'Enter their phone number.' }]);
  });
});

describe('emergency contacts', () => {
  it('validates and builds a contact', () => {
    const f = { ...emptyContactForm(1), name: 'Rahul Sharma', relationship: 'spouse', phone: '+91 98123 45678' };
    expect(validateContact(f)).toEqual([]);
    expect(contactBody(f)).toEqual({ name: 'Rahul Sharma', relationship: 'spouse', phone: '+919812345678', email: null, notes: '', priority: 1 });
    expect(fields(validateContact({ ...f, name: '', phone: '98123', email: 'bad', priority: '11' }))).toEqual(['name', 'phone', 'email', 'priority']);
    expect(fields(validateContact({ ...f, relationship: ' ' }))).toEqual(['relationship']);
  });

  it('sorts by priority, then name', () => {
    const c = (name: string, priority: number) => ({ id: name, name, priority }) as EmergencyContact;
    expect(sortContacts([c('Zed', 1), c('Bo', 2), c('Al', 1)]).map((x) => x.name)).toEqual(['Al', 'Zed', 'Bo']);
  });
});

describe('consents, access log, erasure, downloads', () => {
  it('reads the current consent and sorts the history newest first', () => {
    const c = {
      current: { marketing: { granted: false, text_version: '2026-01', at: '2026-01-02T00:00:00Z' }, research: null },
      history: [
        { purpose: 'marketing', granted: true, text_version: '2026-01', at: '2026-01-01T00:00:00Z' },
        { purpose: 'marketing', granted: false, text_version: '2026-01', at: '2026-01-02T00:00:00Z' },
      ],
    };
    expect(isGranted(c, 'marketing')).toBe(false);
    expect(isGranted(c, 'research')).toBe(false);
    expect(isGranted({ current: { research: { granted: true, text_version: 'v', at: '' } }, history: [] }, 'research')).toBe(true);
    expect(sortHistory(c.history).map((h) => h.granted)).toEqual([false, true]);
  });

  it('describes access-log entries', () => {
    expect(describeAccess({ action: 'read', what: 'medical_history' })).toBe('Viewed medical history');
    expect(describeAccess({ action: 'update', what: 'profile' })).toBe('Changed profile');
    expect(describeAccess({ action: 'print', what: 'lab_results' })).toBe('Print lab results');
    expect(isRefused({ action: 'read', outcome: 'success' })).toBe(false);
    expect(isRefused({ action: 'read', outcome: 'denied' })).toBe(true);
    expect(isRefused({ action: 'read' })).toBe(false);
    expect(basisLabel('self')).toBe('You');
    expect(basisLabel('care:booking')).toBe('Care: booking');
    expect(basisLabel('')).toBe('');
  });

  it('asks for the exact confirmation word', () => {
    expect(erasureConfirmed('DELETE')).toBe(true);
    expect(erasureConfirmed(' DELETE ')).toBe(true);
    expect(erasureConfirmed('delete')).toBe(false);
    expect(erasureConfirmed('')).toBe(false);
  });

  it('reads the file name of a download', () => {
    expect(filenameFromDisposition('attachment; filename="kiorex-export-usr_1.json"')).toBe('kiorex-export-usr_1.json');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf; filename=\"resume.pdf\"")).toBe('résumé.pdf');
    expect(filenameFromDisposition('attachment; filename=plain.json')).toBe('plain.json');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
