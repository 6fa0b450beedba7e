import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  addDays,
  breaksOf,
  canCancel,
  canMarkNoShow,
  canonicalZone,
  canStart,
  compactRx,
  describeException,
  emptyExceptionForm,
  emptyPracticeForm,
  emptyRxForm,
  emptyRxItem,
  exceptionBody,
  formatHHMM,
  fromMinorUnits,
  formLanguages,
  isStale,
  minutesUntilStartable,
  newRange,
  normalizeHHMM,
  parseHHMM,
  practiceBody,
  practiceToForm,
  rangeToForm,
  rxBody,
  sortRanges,
  splitAppointments,
  splitList,
  submitBlocker,
  timeZoneOptions,
  todayInZone,
  toMinorUnits,
  validateException,
  validateNotes,
  validatePracticeForm,
  validateReason,
  validateRx,
  validateWeekly,
  weeklyBody,
  weeklyMinutes,
  type DoctorProfile,
  type PracticeForm,
  type RangeForm,
  type RxForm,
} from './practice';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('HH:MM', () => {
  it('parses 24-hour times and nothing else', () => {
    expect(parseHHMM('00:00')).toBe(0);
    expect(parseHHMM('09:30')).toBe(570);
    expect(parseHHMM(' 23:59 ')).toBe(23 * 60 + 59);
    expect(parseHHMM('9:30')).toBe(570);
    for (const bad of ['24:00', '24:01', '25:00', '09:3', '09:60', '0930', '', 'ab:cd', '-1:00', '09:30:00', '123:00', null, undefined]) {
      expect(parseHHMM(bad as string)).toBeNull();
    }
  });
  it('takes 24:00 only as the end of a range', () => {
    expect(parseHHMM('24:00', true)).toBe(1440);
    expect(parseHHMM('24:30', true)).toBeNull();
    expect(normalizeHHMM('9:05')).toBe('09:05');
    expect(normalizeHHMM('24:00')).toBeNull();
    expect(normalizeHHMM('24:00', true)).toBe('24:00');
  });
  it('formats minutes back', () => {
    expect(formatHHMM(0)).toBe('00:00');
    expect(formatHHMM(570)).toBe('09:30');
    expect(formatHHMM(1439)).toBe('23:59');
  });
});

function r(weekday: number, start: string, end: string, type = 'video', location_id = ''): RangeForm {
  return { ...rangeToForm({ weekday, start, end, type, location_id: null }), location_id };
}

describe('weekly hours', () => {
  it('accepts touching ranges and ranges on different days', () => {
    expect(validateWeekly([r(1, '09:00', '13:00'), r(1, '13:00', '17:00'), r(2, '09:00', '17:00')], { locationIds: [] })).toEqual([]);
  });

  it('finds overlaps within a day, whatever the order of the rows', () => {
    const errors = validateWeekly([r(1, '14:00', '18:00'), r(1, '09:00', '14:30'), r(2, '10:00', '12:00')], { locationIds: [] });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('weekly.0.start');
    expect(errors[0]!.message).toContain('09:00–14:30');
    expect(errors[0]!.message).toContain('Monday');
  });

  it('finds a range inside another one and a duplicate', () => {
    expect(fields(validateWeekly([r(3, '09:00', '17:00'), r(3, '10:00', '11:00')], { locationIds: [] }))).toEqual(['weekly.1.start']);
    expect(fields(validateWeekly([r(3, '09:00', '10:00'), r(3, '09:00', '10:00')], { locationIds: [] }))).toEqual(['weekly.1.start']);
  });

  it('refuses bad times, an end not after the start, bad types and clinic ranges without a known clinic', () => {
    const errors = validateWeekly(
      [r(1, '24:00', '12:00'), r(2, '12:00', '12:00'), r(3, '10:00', '09:00'), r(4, '09:00', '10:00', 'phone'), r(5, '09:00', '10:00', 'clinic', 'loc_x'), r(8, '09:00', '10:00')],
      { locationIds: ['loc_a'] },
    );
    expect(fields(errors)).toEqual(['weekly.0.start', 'weekly.1.end', 'weekly.2.end', 'weekly.3.type', 'weekly.4.location_id', 'weekly.5.weekday']);
    expect(validateWeekly([r(5, '09:00', '10:00', 'clinic', 'loc_a')], { locationIds: ['loc_a'] })).toEqual([]);
    expect(validateWeekly([r(5, '09:00', '10:00', 'clinic', '')], { locationIds: [] })[0]!.message).toMatch(/practice profile/);
  });

  it('lets a range run to midnight, needs room for one slot, and only offered types', () => {
    expect(validateWeekly([r(7, '18:00', '24:00')], { locationIds: [], slotMinutes: 15 })).toEqual([]);
    expect(fields(validateWeekly([r(7, '09:00', '09:10')], { locationIds: [], slotMinutes: 15 }))).toEqual(['weekly.0.end']);
    const clinicOnly = validateWeekly([r(1, '09:00', '10:00', 'video')], { locationIds: [], types: ['clinic'] });
    expect(clinicOnly).toEqual([{ field: 'weekly.0.type', message: 'Your practice profile does not offer video consultations.' }]);
    expect(weeklyBody([r(1, '9:00', '24:00')])[0]).toMatchObject({ start: '09:00', end: '24:00' });
    expect(breaksOf([r(1, '09:00', '12:00'), r(1, '13:00', '24:00')])).toEqual([{ start: '12:00', end: '13:00' }]);
  });

  it('sorts by day and start so error indexes match the body, keeping bad rows', () => {
    const rows = [r(2, '09:00', '10:00'), r(1, '14:00', '15:00'), r(1, 'xx', '10:00'), r(1, '08:00', '09:00')];
    const sorted = sortRanges(rows);
    expect(sorted.map((x) => `${x.weekday} ${x.start}`)).toEqual(['1 08:00', '1 14:00', '1 xx', '2 09:00']);
    expect(weeklyBody(sorted).map((x) => x.weekday)).toEqual([1, 1, 1, 2]);
  });

  it('sends location_id only with clinic ranges', () => {
    const body = weeklyBody([r(1, '09:00', '10:00', 'video', 'loc_a'), r(1, '10:00', '11:00', 'clinic', 'loc_a')]);
    expect(body).toEqual([
      { weekday: 1, start: '09:00', end: '10:00', type: 'video', location_id: null },
      { weekday: 1, start: '10:00', end: '11:00', type: 'clinic', location_id: 'loc_a' },
    ]);
  });

  it('shows breaks as the gaps between ranges', () => {
    expect(breaksOf([r(1, '14:00', '17:30'), r(1, '09:00', '13:00')])).toEqual([{ start: '13:00', end: '14:00' }]);
    expect(breaksOf([r(1, '09:00', '10:00'), r(1, '10:00', '11:00')])).toEqual([]);
    expect(breaksOf([r(1, '09:00', '12:00'), r(1, '10:00', '11:00'), r(1, '12:30', '13:00')])).toEqual([{ start: '12:00', end: '12:30' }]);
    expect(breaksOf([r(1, 'bad', '10:00')])).toEqual([]);
  });

  it('counts hours a week with overlaps once', () => {
    expect(weeklyMinutes([r(1, '09:00', '13:00'), r(1, '12:00', '14:00'), r(2, '09:00', '09:30')])).toBe(5 * 60 + 30);
  });

  it('suggests new hours after the day’s last range', () => {
    expect(newRange(1, [])).toMatchObject({ weekday: 1, start: '09:00', end: '13:00', type: 'video' });
    expect(newRange(1, [r(1, '09:00', '13:00')])).toMatchObject({ start: '14:00', end: '17:00' });
    expect(newRange(1, [r(1, '20:00', '23:00')])).toMatchObject({ start: '22:00', end: '24:00' });
  });
});

describe('exceptions', () => {
  it('a whole-day leave needs only a date, and sends no times', () => {
    const f = { ...emptyExceptionForm('2026-12-24'), note: ' Christmas ' };
    expect(validateException(f, { locationIds: [] }, '2026-12-01')).toEqual([]);
    expect(exceptionBody(f)).toEqual({ kind: 'leave', date: '2026-12-24', start: null, end: null, type: null, location_id: null, note: 'Christmas' });
    expect(describeException(exceptionBody(f))).toBe('Leave, whole day');
  });

  it('a part-day leave and extra hours need ordered times; extra hours a type and for clinics a clinic', () => {
    const partial = { ...emptyExceptionForm('2026-12-24'), whole_day: false, start: '13:00', end: '12:00' };
    expect(fields(validateException(partial, { locationIds: [] }))).toEqual(['end']);
    const ok = { ...partial, end: '17:00' };
    expect(exceptionBody(ok)).toMatchObject({ start: '13:00', end: '17:00', type: null });
    expect(describeException(exceptionBody(ok))).toBe('Leave 13:00–17:00');

    const extra = { ...emptyExceptionForm('2026-12-26'), kind: 'extra' as const, whole_day: true, start: '18:00', end: '20:00', type: 'clinic' };
    expect(fields(validateException(extra, { locationIds: ['loc_a'] }))).toEqual(['location_id']);
    const body = exceptionBody({ ...extra, location_id: 'loc_a' });
    expect(body).toMatchObject({ kind: 'extra', start: '18:00', end: '20:00', type: 'clinic', location_id: 'loc_a' });
    expect(describeException(body)).toBe('Extra hours 18:00–20:00 (in clinic)');
  });

  it('extra hours must hold one slot and be of a type the practice offers', () => {
    const extra = { ...emptyExceptionForm('2026-12-26'), kind: 'extra' as const, start: '18:00', end: '18:10', type: 'video' };
    expect(fields(validateException(extra, { locationIds: [], slotMinutes: 15 }))).toEqual(['end']);
    expect(fields(validateException({ ...extra, end: '24:00' }, { locationIds: [], slotMinutes: 15, types: ['clinic'] }))).toEqual(['type']);
    expect(exceptionBody({ ...extra, start: '9:00', end: '24:00' })).toMatchObject({ start: '09:00', end: '24:00' });
  });

  it('refuses a bad or past date and bad times', () => {
    expect(fields(validateException(emptyExceptionForm('2026-02-30'), { locationIds: [] }))).toEqual(['date']);
    expect(fields(validateException(emptyExceptionForm('2026-01-01'), { locationIds: [] }, '2026-01-02'))).toEqual(['date']);
    const f = { ...emptyExceptionForm('2026-03-01'), kind: 'extra' as const, start: '24:00', end: '' };
    expect(fields(validateException(f, { locationIds: [] }))).toEqual(['start', 'end']);
  });
});

describe('money', () => {
  it('converts typed amounts to minor units by the currency’s digits', () => {
    expect(toMinorUnits('500', 'INR')).toBe(50000);
    expect(toMinorUnits('500.5', 'INR')).toBe(50050);
    expect(toMinorUnits('1,200.25', 'USD')).toBe(120025);
    expect(toMinorUnits('0', 'INR')).toBe(0);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('1.5', 'JPY')).toBeNull();
    expect(toMinorUnits('1.234', 'INR')).toBeNull();
    expect(toMinorUnits('-5', 'INR')).toBeNull();
    expect(toMinorUnits('abc', 'INR')).toBeNull();
    expect(toMinorUnits('', 'INR')).toBeNull();
  });
  it('shows minor units as a form value', () => {
    expect(fromMinorUnits(50000, 'INR')).toBe('500');
    expect(fromMinorUnits(50050, 'INR')).toBe('500.50');
    expect(fromMinorUnits(7, 'USD')).toBe('0.07');
    expect(fromMinorUnits(1500, 'JPY')).toBe('1500');
  });
});

function validForm(): PracticeForm {
  return {
    ...emptyPracticeForm('Asia/Kolkata'),
    gender: 'female',
    specialties: ['dermatology'],
    qualifications: [{ key: 'q', degree: 'MBBS', institution: 'AIIMS Delhi', year: '2008' }],
    registration_number: 'DMC/12345',
    registration_council: 'Delhi Medical Council',
    experience_years: '14',
    languages: ['en', 'hi'],
    conditions: 'acne, eczema,\npsoriasis, Acne',
    video_fee: '500',
    clinic: true,
    clinic_fee: '800',
    locations: [
      { key: 'l', id: null, name: 'Rao Skin Clinic', line1: '12 Janpath', line2: '', city: 'New Delhi', region: 'DL', postal_code: '110001', country: 'in', lat: '28.61', lng: '77.21' },
    ],
  };
}

describe('practice profile form', () => {
  it('builds the contract’s body from a valid form', () => {
    const f = validForm();
    expect(validatePracticeForm(f, ['dermatology', 'cardiology'], 2026)).toEqual([]);
    expect(practiceBody(f)).toEqual({
      gender: 'female',
      bio: '',
      specialties: ['dermatology'],
      qualifications: [{ degree: 'MBBS', institution: 'AIIMS Delhi', year: 2008 }],
      registration: { number: 'DMC/12345', council: 'Delhi Medical Council' },
      experience_years: 14,
      languages: ['en', 'hi'],
      conditions: ['acne', 'eczema', 'psoriasis'],
      consultation_types: { video: { fee: { amount: 50000, currency: 'INR' } }, clinic: { fee: { amount: 80000, currency: 'INR' } } },
      locations: [{ name: 'Rao Skin Clinic', address: { line1: '12 Janpath', city: 'New Delhi', region: 'DL', postal_code: '110001', country: 'IN' }, lat: 28.61, lng: 77.21 }],
      time_zone: 'Asia/Kolkata',
      slot_minutes: 15,
      follow_up_days: 7,
    });
  });

  it('reports each broken rule under the API’s field name', () => {
    const f: PracticeForm = {
      ...validForm(),
      gender: 'x',
      specialties: ['a', 'b', 'c', 'd', 'e', 'f'],
      qualifications: [{ key: 'q', degree: '', institution: 'X', year: '1800' }],
      registration_number: 'ab',
      registration_council: '',
      experience_years: '71',
      languages: [],
      other_languages: '',
      conditions: 'a',
      video_fee: '5.555',
      clinic_fee: '100000.01',
      locations: [{ ...validForm().locations[0]!, name: '', lat: '91', lng: 'east', country: 'IND' }],
      slot_minutes: '25',
      follow_up_days: '31',
      time_zone: '',
    };
    expect(fields(validatePracticeForm(f, undefined, 2026))).toEqual([
      'gender',
      'specialties',
      'qualifications.0.degree',
      'qualifications.0.year',
      'registration.number',
      'registration.council',
      'experience_years',
      'languages',
      'conditions',
      'consultation_types.video.fee',
      'consultation_types.clinic.fee',
      'locations.0.name',
      'locations.0.address.country',
      'locations.0.lat',
      'locations.0.lng',
      'time_zone',
      'slot_minutes',
      'follow_up_days',
    ]);
  });

  it('needs a consultation type, a clinic for clinic visits, and specialties from the list', () => {
    expect(fields(validatePracticeForm({ ...validForm(), video: false, clinic: false }, undefined, 2026))).toEqual(['consultation_types']);
    expect(fields(validatePracticeForm({ ...validForm(), locations: [] }, undefined, 2026))).toEqual(['locations']);
    expect(fields(validatePracticeForm(validForm(), ['cardiology'], 2026))).toEqual(['specialties']);
    // A blank qualification row is ignored, not sent.
    const blank = { ...validForm(), qualifications: [{ key: 'q', degree: ' ', institution: '', year: '' }] };
    expect(validatePracticeForm(blank, undefined, 2026)).toEqual([]);
    expect(practiceBody(blank).qualifications).toEqual([]);
  });

  it('takes other language codes and refuses ones that are not BCP 47', () => {
    expect(formLanguages({ languages: ['en'], other_languages: 'fr, pt-BR, en' })).toEqual(['en', 'fr', 'pt-BR']);
    expect(fields(validatePracticeForm({ ...validForm(), other_languages: 'French' }, undefined, 2026))).toEqual(['languages']);
  });

  it('round-trips a stored profile, keeping location ids', () => {
    const p: DoctorProfile = {
      user_id: 'usr_1',
      name: 'Dr Asha Rao',
      ...practiceBody(validForm()),
      languages: ['en', 'fr'],
      locations: [{ id: 'loc_1', name: 'Rao Skin Clinic', address: { line1: '12 Janpath', city: 'New Delhi', country: 'IN' }, lat: 28.61, lng: 77.21 }],
      status: 'verified',
      rejection_reason: null,
      submitted_at: null,
      verified_at: null,
      version: 3,
    };
    const f = practiceToForm(p);
    expect(f.languages).toEqual(['en']);
    expect(f.other_languages).toBe('fr');
    expect(f.video_fee).toBe('500');
    expect(f.clinic).toBe(true);
    expect(f.conditions).toBe('acne, eczema, psoriasis');
    expect(practiceBody(f).locations[0]).toMatchObject({ id: 'loc_1', lat: 28.61 });
    expect(practiceBody(f).languages).toEqual(['en', 'fr']);
  });

  it('offers submit only for a saved draft or a rejected profile', () => {
    expect(submitBlocker(null)).toMatch(/Save/);
    const base = { status: 'draft' } as DoctorProfile;
    expect(submitBlocker(base)).toBeNull();
    expect(submitBlocker({ ...base, status: 'rejected' })).toBeNull();
    expect(submitBlocker({ ...base, status: 'pending' })).not.toBeNull();
    expect(submitBlocker({ ...base, status: 'verified' })).not.toBeNull();
  });

  it('splits lists and drops repeats', () => {
    expect(splitList(' acne ;eczema\n\n ACNE, hair  loss ')).toEqual(['acne', 'eczema', 'hair loss']);
  });
});

describe('time zones', () => {
  it('uses today’s tz names and always offers the current one', () => {
    expect(canonicalZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    const zones = timeZoneOptions('Mars/Olympus', ['Europe/London', 'Asia/Calcutta']);
    expect(zones).toEqual(['Asia/Kolkata', 'Europe/London', 'Mars/Olympus', 'UTC']);
    expect(timeZoneOptions(null).length).toBeGreaterThan(5);
  });
  it('gives today’s date in a zone', () => {
    const t = new Date('2026-03-08T20:00:00Z');
    expect(todayInZone('Asia/Kolkata', t)).toBe('2026-03-09');
    expect(todayInZone('America/New_York', t)).toBe('2026-03-08');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});

describe('appointments', () => {
  const at = (iso: string) => new Date(iso);
  const b = (start: string, minutes = 15, status = 'confirmed') => ({
    start,
    end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
    status,
  });

  it('splits today from later days and drops earlier ones', () => {
    const now = new Date(2026, 2, 9, 12, 0); // local noon
    const iso = (d: number, h: number) => new Date(2026, 2, d, h, 0).toISOString();
    const { today, upcoming } = splitAppointments([{ start: iso(10, 9) }, { start: iso(9, 15) }, { start: iso(9, 8) }, { start: iso(8, 9) }], now);
    expect(today.map((x) => x.start)).toEqual([iso(9, 8), iso(9, 15)]);
    expect(upcoming.map((x) => x.start)).toEqual([iso(10, 9)]);
  });

  it('allows start from 15 minutes before until 30 minutes after the end', () => {
    const x = b('2026-03-09T10:00:00Z');
    expect(canStart(x, at('2026-03-09T09:44:00Z'))).toBe(false);
    expect(canStart(x, at('2026-03-09T09:45:00Z'))).toBe(true);
    expect(canStart(x, at('2026-03-09T10:45:00Z'))).toBe(true);
    expect(canStart(x, at('2026-03-09T10:46:00Z'))).toBe(false);
    expect(canStart({ ...x, status: 'cancelled' }, at('2026-03-09T10:00:00Z'))).toBe(false);
    expect(minutesUntilStartable(x, at('2026-03-09T09:00:00Z'))).toBe(45);
    expect(minutesUntilStartable(x, at('2026-03-09T10:00:00Z'))).toBe(0);
    expect(minutesUntilStartable(x, at('2026-03-09T12:00:00Z'))).toBeNull();
  });

  it('allows no-show from 15 minutes after the start, and cancel before the start', () => {
    const x = b('2026-03-09T10:00:00Z');
    expect(canMarkNoShow(x, at('2026-03-09T10:14:59Z'))).toBe(false);
    expect(canMarkNoShow(x, at('2026-03-09T10:15:00Z'))).toBe(true);
    expect(canMarkNoShow({ ...x, status: 'in_progress' }, at('2026-03-09T11:00:00Z'))).toBe(false);
    expect(canCancel(x, at('2026-03-09T09:59:00Z'))).toBe(true);
    expect(canCancel(x, at('2026-03-09T10:00:00Z'))).toBe(false);
    expect(canCancel({ ...x, status: 'completed' }, at('2026-03-09T09:00:00Z'))).toBe(false);
  });

  it('needs a reason of 3 to 500 characters', () => {
    expect(validateReason('  ab ')).toHaveLength(1);
    expect(validateReason('Unwell')).toEqual([]);
    expect(validateReason('x'.repeat(501))).toHaveLength(1);
  });
});

describe('stale writes', () => {
  it('treats 412 and 428 as "reload and try again"', () => {
    expect(isStale({ status: 412 })).toBe(true);
    expect(isStale({ status: 428 })).toBe(true);
    expect(isStale({ status: 409 })).toBe(false);
    expect(isStale(null)).toBe(false);
  });
});

describe('notes', () => {
  it('limits each part to 8000 characters', () => {
    expect(validateNotes({ subjective: 'x'.repeat(8000), objective: '', assessment: '', plan: '' })).toEqual([]);
    expect(fields(validateNotes({ subjective: '', objective: '', assessment: '', plan: 'x'.repeat(8001) }))).toEqual(['plan']);
  });
});

describe('prescriptions', () => {
  const item = (over: Partial<ReturnType<typeof emptyRxItem>> = {}) => ({
    ...emptyRxItem(),
    medicine: 'Cetirizine',
    strength: '10 mg',
    form: 'tablet',
    dose: '1 tablet',
    frequency: 'once daily at night',
    duration: '5 days',
    route: 'oral',
    instructions: 'may cause drowsiness',
    ...over,
  });

  it('builds the body, dropping blank optional fields and blank rows', () => {
    const f: RxForm = { items: [item(), emptyRxItem(), item({ medicine: ' Calamine ', strength: '', form: 'lotion', route: ' ', instructions: '' })], advice: ' Avoid hot showers ', follow_up: '' };
    const compact = compactRx(f);
    expect(compact.items).toHaveLength(2);
    expect(validateRx(compact)).toEqual([]);
    expect(rxBody(compact)).toEqual({
      items: [
        { medicine: 'Cetirizine', strength: '10 mg', form: 'tablet', dose: '1 tablet', frequency: 'once daily at night', duration: '5 days', route: 'oral', instructions: 'may cause drowsiness' },
        { medicine: 'Calamine', form: 'lotion', dose: '1 tablet', frequency: 'once daily at night', duration: '5 days' },
      ],
      advice: 'Avoid hot showers',
    });
  });

  it('needs at least one medicine and the required fields of each', () => {
    expect(fields(validateRx(compactRx(emptyRxForm())))).toEqual(['items']);
    const f: RxForm = { items: [item({ dose: '', duration: ' ' }), item({ medicine: '' })], advice: '', follow_up: '' };
    expect(fields(validateRx(f))).toEqual(['items.0.dose', 'items.0.duration', 'items.1.medicine']);
  });

  it('refuses more than 20 medicines and over-long text', () => {
    const many: RxForm = { items: Array.from({ length: 21 }, () => item()), advice: 'x'.repeat(4001), follow_up: '' };
    expect(fields(validateRx(many))).toEqual(['items', 'advice']);
    expect(fields(validateRx({ items: [item({ instructions: 'x'.repeat(1001) })], advice: '', follow_up: '' }))).toEqual(['items.0.instructions']);
  });

  it('makes the verify path absolute', () => {
    expect(absoluteUrl('/v1/prescriptions/rx_1/verify?code=abc', 'https://kiorex.example')).toBe('https://kiorex.example/v1/prescriptions/rx_1/verify?code=abc');
  });
});
