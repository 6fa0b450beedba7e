import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  addDays,
  comparesFees,
  currencyOfCountry,
  feeCurrency,
  localeRegion,
  attemptFor,
  canChange,
  canJoin,
  currencyDigits,
  dateInZone,
  facetOptions,
  filtersFromParams,
  formatDuration,
  formatLatLng,
  formatMoney,
  fromMinorUnits,
  groupSlotsByDay,
  isoSeconds,
  isPolite,
  isUpcoming,
  isValidTimeZone,
  lowestFee,
  mergeChat,
  newIdempotencyKey,
  offeredTypes,
  paramsFromFilters,
  parseLatLng,
  problemKind,
  ratingText,
  rtcIceServers,
  safeReturnPath,
  sdpFingerprint,
  sameOffsetAt,
  searchQuery,
  signalSocketUrl,
  slotLabel,
  slotsByPartOfDay,
  slotWindow,
  sortBookings,
  timeInZone,
  toMinorUnits,
  upcomingFrom,
  validateReason,
  validateStars,
  withFilter,
  zoneCity,
  type Booking,
  type BookingInput,
  type Slot,
} from './consultations';

function slot(start: string, localDate: string, localStart: string, type = 'video'): Slot {
  const end = new Date(new Date(start).getTime() + 15 * 60_000).toISOString().replace('.000Z', 'Z');
  return { start, end, local_date: localDate, local_start: localStart, local_end: '', type, location_id: null };
}

describe('time zones', () => {
  it('reads the date and wall clock of an instant in a zone', () => {
    // 2026-03-09 03:30 UTC is 09:00 the same day in Kolkata (+05:30, no DST) and 23:30 the day before in New York (EDT from Mar 8).
    expect(dateInZone('2026-03-09T03:30:00Z', 'Asia/Kolkata')).toBe('2026-03-09');
    expect(timeInZone('2026-03-09T03:30:00Z', 'Asia/Kolkata')).toBe('09:00');
    expect(dateInZone('2026-03-09T03:30:00Z', 'America/New_York')).toBe('2026-03-08');
    expect(timeInZone('2026-03-09T03:30:00Z', 'America/New_York')).toBe('23:30');
    expect(timeInZone('2026-01-01T00:00:00Z', 'UTC')).toBe('00:00');
  });

  it('follows daylight saving: New York is UTC-5 before 8 March 2026 and UTC-4 after', () => {
    expect(timeInZone('2026-03-07T14:00:00Z', 'America/New_York')).toBe('09:00');
    expect(timeInZone('2026-03-09T13:00:00Z', 'America/New_York')).toBe('09:00');
    // London switches on 29 March 2026.
    expect(timeInZone('2026-03-28T09:00:00Z', 'Europe/London')).toBe('09:00');
    expect(timeInZone('2026-03-30T08:00:00Z', 'Europe/London')).toBe('09:00');
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // a DST day is still one day
  });

  it('validates zones and names their city', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(zoneCity('America/New_York')).toBe('New York');
    expect(zoneCity('UTC')).toBe('UTC');
    expect(zoneCity('Etc/UTC')).toBe('UTC');
    expect(zoneCity('Asia/Calcutta')).toBe('Kolkata');
  });

  it('compares zones at an instant (same offset, or not)', () => {
    expect(sameOffsetAt('2026-06-01T10:00:00Z', 'Asia/Kolkata', 'Asia/Calcutta')).toBe(true);
    expect(sameOffsetAt('2026-06-01T10:00:00Z', 'Europe/London', 'UTC')).toBe(false); // BST
    expect(sameOffsetAt('2026-01-15T10:00:00Z', 'Europe/London', 'UTC')).toBe(true); // GMT
  });

  it('asks for slots from today in the doctor\u2019s zone', () => {
    // 20:00 UTC on 1 June is already 2 June in Kolkata, still 1 June in New York.
    const now = new Date('2026-06-01T20:00:00Z');
    expect(slotWindow('Asia/Kolkata', 14, now)).toEqual({ from: '2026-06-02', to: '2026-06-15' });
    expect(slotWindow('America/New_York', 14, now)).toEqual({ from: '2026-06-01', to: '2026-06-14' });
    expect(slotWindow('Not/AZone', 1, now)).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(slotWindow('UTC', 100, now).to).toBe('2026-07-01'); // at most 31 days
  });
});

describe('slots', () => {
  const ny = [
    slot('2026-03-10T13:15:00Z', '2026-03-10', '09:15'),
    slot('2026-03-10T13:00:00Z', '2026-03-10', '09:00'),
    slot('2026-03-10T21:00:00Z', '2026-03-10', '17:00'),
    slot('2026-03-11T13:00:00Z', '2026-03-11', '09:00'),
  ];

  it('groups by the patient\u2019s day, in time order', () => {
    const days = groupSlotsByDay(ny, 'America/New_York');
    expect(days.map((d) => d.date)).toEqual(['2026-03-10', '2026-03-11']);
    expect(days[0]!.slots.map((s) => s.local_start)).toEqual(['09:00', '09:15', '17:00']);
  });

  it('moves a doctor\u2019s evening to the patient\u2019s next morning across the world', () => {
    // 17:00 in New York (21:00 UTC) is 02:30 next day in Kolkata.
    const days = groupSlotsByDay(ny, 'Asia/Kolkata');
    expect(days.map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-03-10', 2],
      ['2026-03-11', 2],
    ]);
    expect(days[1]!.slots[0]!.start).toBe('2026-03-10T21:00:00Z');
  });

  it('splits a day into night, morning, afternoon and evening of the patient', () => {
    const day = [
      slot('2026-03-10T05:59:00Z', '', ''),
      slot('2026-03-10T06:00:00Z', '', ''),
      slot('2026-03-10T11:59:00Z', '', ''),
      slot('2026-03-10T12:00:00Z', '', ''),
      slot('2026-03-10T17:00:00Z', '', ''),
      slot('2026-03-10T23:50:00Z', '', ''),
    ];
    expect(slotsByPartOfDay(day, 'UTC').map((g) => [g.id, g.slots.length])).toEqual([
      ['night', 1],
      ['morning', 2],
      ['afternoon', 1],
      ['evening', 2],
    ]);
    // In Kolkata (+05:30) 05:59 UTC is 11:29, a morning; empty parts are left out.
    expect(slotsByPartOfDay(day.slice(0, 1), 'Asia/Kolkata').map((g) => g.id)).toEqual(['morning']);
  });

  it('leaves out a slot with an unreadable start', () => {
    expect(groupSlotsByDay([{ ...ny[0]!, start: 'nonsense' }], 'UTC')).toEqual([]);
  });

  it('labels a slot in the patient\u2019s zone with the doctor\u2019s local time when they differ', () => {
    expect(slotLabel(ny[1]!, 'Asia/Kolkata', 'America/New_York', 'en-GB')).toEqual({ time: '18:30', doctorTime: '9:00 in New York' });
    expect(slotLabel(ny[1]!, 'America/New_York', 'America/New_York', 'en-GB')).toEqual({ time: '9:00', doctorTime: null });
    expect(slotLabel(ny[1]!, 'Asia/Kolkata', 'Not/AZone', 'en-GB')).toEqual({ time: '18:30', doctorTime: null });
    // The doctor's day is named when it is not the patient's.
    expect(slotLabel(ny[2]!, 'Asia/Kolkata', 'America/New_York', 'en-GB')).toEqual({ time: '2:30', doctorTime: '17:00 10 Mar in New York' });
    // As the locale writes times.
    expect(slotLabel(ny[1]!, 'Asia/Kolkata', 'America/New_York', 'en-US').time.replace(/\s/g, ' ')).toBe('6:30 PM');
  });
});

describe('money', () => {
  it('knows the digits of a currency', () => {
    expect(currencyDigits('INR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('XXX-not')).toBe(2);
  });

  it('formats minor units', () => {
    expect(formatMoney({ amount: 50000, currency: 'INR' }, 'en-IN')).toBe('₹500');
    expect(formatMoney({ amount: 49950, currency: 'USD' }, 'en-US')).toBe('$499.50');
    expect(formatMoney({ amount: 0, currency: 'INR' })).toBe('Free');
    expect(formatMoney(null)).toBe('');
  });

  it('turns a typed fee into minor units and back', () => {
    expect(toMinorUnits('500')).toBe(50000);
    expect(toMinorUnits(' 1,200.5 ')).toBe(120050);
    expect(toMinorUnits('500', 'JPY')).toBe(500);
    expect(toMinorUnits('')).toBeNull();
    expect(toMinorUnits('-5')).toBeNull();
    expect(toMinorUnits('abc')).toBeNull();
    expect(fromMinorUnits('50000')).toBe('500');
    expect(fromMinorUnits(120050)).toBe('1200.5');
    expect(fromMinorUnits(undefined)).toBe('');
    expect(fromMinorUnits('x')).toBe('');
  });

  it('picks the lowest fee and the offered types', () => {
    const d = { consultation_types: { video: { fee: { amount: 50000, currency: 'INR' } }, clinic: { fee: { amount: 80000, currency: 'INR' } } } };
    expect(lowestFee(d)).toEqual({ amount: 50000, currency: 'INR' });
    expect(offeredTypes(d)).toEqual(['video', 'clinic']);
    expect(lowestFee({ consultation_types: {} })).toBeNull();
    expect(offeredTypes({ consultation_types: { clinic: { fee: { amount: 1, currency: 'INR' } } } })).toEqual(['clinic']);
  });
});

describe('search query', () => {
  it('reads known filters from the URL and writes them back', () => {
    const f = filtersFromParams(new URLSearchParams('q=derm%20&specialty=dermatology&bogus=1&language=&sort=rating:desc'));
    expect(f).toEqual({ q: 'derm ', specialty: 'dermatology', sort: 'rating:desc' });
    expect(paramsFromFilters(f).toString()).toBe('q=derm+&specialty=dermatology&sort=rating%3Adesc');
  });

  it('builds the API query with limit and cursor, collapsing the text', () => {
    expect(searchQuery({ q: '  skin   doctor ', language: 'hi' }, { limit: 20 })).toBe('?q=skin+doctor&language=hi&limit=20');
    expect(searchQuery({}, {})).toBe('');
    expect(searchQuery({ rating_min: '4', fee_max: '60000' }, { cursor: 'abc' })).toBe('?fee_max=60000&rating_min=4&cursor=abc');
  });

  it('leaves out a near that is not coordinates, and what depends on it', () => {
    expect(searchQuery({ near: 'Delhi', radius_km: '10', sort: 'distance' })).toBe('');
    expect(searchQuery({ near: '28.61,77.21', radius_km: '10', sort: 'distance' })).toBe('?near=28.61%2C77.21&radius_km=10&sort=distance');
  });

  it('drops a sort that no longer applies when a filter changes', () => {
    expect(withFilter({ near: '1,2', sort: 'distance', radius_km: '5' }, 'near', null)).toEqual({});
    expect(withFilter({ q: 'derm', sort: 'relevance' }, 'q', '')).toEqual({});
    expect(withFilter({ q: 'derm' }, 'language', 'hi')).toEqual({ q: 'derm', language: 'hi' });
    expect(withFilter({ language: 'hi' }, 'language', '  ')).toEqual({});
  });

  it('counts the filters set', () => {
    expect(activeFilterCount({ q: 'x', sort: 'fee:asc' })).toBe(0);
    expect(activeFilterCount({ specialty: 'a', language: 'b', near: '1,2', radius_km: '5' })).toBe(3);
  });

  it('parses and formats coordinates', () => {
    expect(parseLatLng('28.61, 77.21')).toEqual({ lat: 28.61, lng: 77.21 });
    expect(parseLatLng('-33.9,151.2')).toEqual({ lat: -33.9, lng: 151.2 });
    expect(parseLatLng('91,0')).toBeNull();
    expect(parseLatLng('0,181')).toBeNull();
    expect(parseLatLng('Delhi')).toBeNull();
    expect(formatLatLng(28.613912, 77.209021)).toBe('28.614,77.209');
  });

  it('lists facets with labels, keeping the selected one', () => {
    const opts = facetOptions([{ id: 'hi', count: 80 }, { id: 'dermatology', name: 'Dermatology', count: 3 }], 'ta', {});
    expect(opts.map((o) => [o.id, o.label, o.count])).toEqual([
      ['ta', 'Tamil', 0],
      ['hi', 'Hindi', 80],
      ['dermatology', 'Dermatology', 3],
    ]);
    expect(facetOptions(undefined, undefined)).toEqual([]);
  });

  it('writes a rating summary', () => {
    expect(ratingText({ average: 4.56, count: 31 })).toBe('4.6 ★ (31 ratings)');
    expect(ratingText({ average: 5, count: 1 })).toBe('5.0 ★ (1 rating)');
    expect(ratingText({ average: null, count: 0 })).toBe('No ratings yet');
    expect(ratingText(undefined)).toBe('No ratings yet');
  });
});

describe('the currency fees are compared in', () => {
  it('is the chosen one, else the profile country\'s, else the browser region\'s, else INR', () => {
    expect(feeCurrency('GBP', 'IN', 'en-US')).toBe('GBP');
    expect(feeCurrency(undefined, 'IN', 'en-US')).toBe('INR');
    expect(feeCurrency(undefined, null, 'en-GB')).toBe('GBP');
    expect(feeCurrency(undefined, 'ZZ', 'en-US')).toBe('USD');
    expect(feeCurrency(undefined, null, 'de-DE')).toBe('EUR');
    expect(feeCurrency(undefined, null, 'xx')).toBe('INR');
    expect(feeCurrency('bad', null, 'en-IN')).toBe('INR');
    expect(currencyOfCountry('gb')).toBe('GBP');
    expect(localeRegion('hi')).toBe('IN');
  });
  it('counts as comparing fees with a fee bound or a fee sort only', () => {
    expect(comparesFees({ fee_max: '40000' })).toBe(true);
    expect(comparesFees({ sort: 'fee:desc' })).toBe(true);
    expect(comparesFees({ sort: 'rating:desc', q: 'skin' })).toBe(false);
  });
  it('another currency drops the fee bounds; it is no filter of its own', () => {
    expect(withFilter({ fee_max: '40000', fee_min: '100', currency: 'INR', q: 'x' }, 'currency', 'GBP')).toEqual({ currency: 'GBP', q: 'x' });
    expect(withFilter({ fee_max: '40000', currency: 'INR' }, 'currency', 'INR')).toEqual({ fee_max: '40000', currency: 'INR' });
    expect(activeFilterCount({ currency: 'INR', fee_max: '1' })).toBe(1);
    expect(searchQuery({ fee_max: '40000', currency: 'INR' })).toBe('?fee_max=40000&currency=INR');
  });
});

describe('booking', () => {
  const body: BookingInput = { doctor_id: 'usr_1', start: '2026-03-09T13:00:00Z', type: 'video', location_id: null, reason: 'rash' };

  it('keeps one Idempotency-Key while the same attempt is retried', () => {
    let n = 0;
    const key = () => `k${++n}`;
    const first = attemptFor(null, body, key);
    expect(first.key).toBe('k1');
    expect(attemptFor(first, { ...body }, key)).toBe(first);
    // Key order does not matter.
    const reordered = { reason: 'rash', location_id: null, type: 'video', start: body.start, doctor_id: 'usr_1' };
    expect(attemptFor(first, reordered, key).key).toBe('k1');
    // Another slot, another reason or another patient is a new attempt.
    expect(attemptFor(first, { ...body, start: '2026-03-09T13:15:00Z' }, key).key).toBe('k2');
    expect(attemptFor(first, { ...body, patient_id: 'usr_kid' }, key).key).toBe('k3');
  });

  it('makes random keys the server accepts (8\u2013100 characters)', () => {
    const a = newIdempotencyKey();
    expect(a.length).toBeGreaterThanOrEqual(8);
    expect(a.length).toBeLessThanOrEqual(100);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('checks the reason and the stars', () => {
    expect(validateReason('  ')).toMatch(/at least 3/);
    expect(validateReason('itchy rash')).toBeNull();
    expect(validateReason('x'.repeat(1001))).toMatch(/1000/);
    expect(validateStars(0)).not.toBeNull();
    expect(validateStars(4.5)).not.toBeNull();
    expect(validateStars(5)).toBeNull();
  });

  const now = new Date('2026-03-09T12:00:00Z');
  const b = (status: string, start: string, end: string): Booking =>
    ({ id: `${status}-${start}`, status, start, end, type: 'video', doctor: { id: 'd', name: 'D' }, patient: { id: 'p', name: 'P' }, booked_by: 'p', location: null }) as Booking;

  it('sorts bookings into upcoming and past', () => {
    expect(isUpcoming(b('confirmed', '2026-03-09T13:00:00Z', '2026-03-09T13:15:00Z'), now)).toBe(true);
    expect(isUpcoming(b('confirmed', '2026-03-09T10:00:00Z', '2026-03-09T10:15:00Z'), now)).toBe(false);
    expect(isUpcoming(b('in_progress', '2026-03-09T10:00:00Z', '2026-03-09T10:15:00Z'), now)).toBe(true);
    expect(isUpcoming(b('cancelled', '2026-03-10T10:00:00Z', '2026-03-10T10:15:00Z'), now)).toBe(false);
    expect(isUpcoming(b('completed', '2026-03-09T11:00:00Z', '2026-03-09T11:15:00Z'), now)).toBe(false);
  });

  it('offers cancel/reschedule only before a confirmed start, and joining only while in progress', () => {
    expect(canChange(b('confirmed', '2026-03-09T13:00:00Z', '2026-03-09T13:15:00Z'), now)).toBe(true);
    expect(canChange(b('confirmed', '2026-03-09T11:00:00Z', '2026-03-09T11:15:00Z'), now)).toBe(false);
    expect(canChange(b('cancelled', '2026-03-09T13:00:00Z', '2026-03-09T13:15:00Z'), now)).toBe(false);
    expect(canJoin(b('in_progress', '2026-03-09T11:00:00Z', '2026-03-09T11:15:00Z'))).toBe(true);
    expect(canJoin({ status: 'in_progress', type: 'clinic' })).toBe(false);
    expect(canJoin({ status: 'confirmed', type: 'video' })).toBe(false);
  });

  it('orders upcoming soonest first and past newest first', () => {
    const x = b('confirmed', '2026-03-10T10:00:00Z', '2026-03-10T10:15:00Z');
    const y = b('confirmed', '2026-03-09T13:00:00Z', '2026-03-09T13:15:00Z');
    expect(sortBookings([x, y], true).map((i) => i.start)).toEqual([y.start, x.start]);
    expect(sortBookings([y, x], false).map((i) => i.start)).toEqual([x.start, y.start]);
  });

  it('writes instants and durations', () => {
    expect(isoSeconds(new Date('2026-03-09T13:00:00.123Z'))).toBe('2026-03-09T13:00:00Z');
    expect(upcomingFrom(now)).toBe('2026-03-09T09:00:00Z');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(754)).toBe('12 min 34 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(3720)).toBe('1 h 2 min');
    expect(formatDuration(null)).toBe('');
  });

  it('names a problem by its type', () => {
    expect(problemKind('https://kiorex.dev/problems/slot-taken')).toBe('slot-taken');
    expect(problemKind('urn:problem:conflict/')).toBe('conflict');
    expect(problemKind(undefined)).toBe('');
  });
});

describe('video call', () => {
  it('builds the signaling URL on the page origin with the token', () => {
    expect(signalSocketUrl('http://127.0.0.1:8080/consultations/bkg_1/call', '/v1/consultations/bkg_1/signal', 'a.b+c')).toBe(
      'ws://127.0.0.1:8080/v1/consultations/bkg_1/signal?access_token=a.b%2Bc',
    );
    expect(signalSocketUrl('https://kiorex.example/x', '/v1/consultations/bkg_2/signal', 't')).toBe(
      'wss://kiorex.example/v1/consultations/bkg_2/signal?access_token=t',
    );
  });

  it('reads the DTLS fingerprint of a description', () => {
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=group:BUNDLE 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=fingerprint:sha-256 AB:CD:EF\r\na=setup:actpass\r\n';
    expect(sdpFingerprint(sdp)).toBe('sha-256 ab:cd:ef');
    expect(sdpFingerprint('v=0\r\n')).toBeNull();
    expect(sdpFingerprint(undefined)).toBeNull();
  });

  it('makes the patient the polite side', () => {
    expect(isPolite('patient')).toBe(true);
    expect(isPolite('doctor')).toBe(false);
  });

  it('drops ICE servers without urls', () => {
    expect(rtcIceServers([{ urls: [] }, { urls: ['stun:s:3478'] }, { urls: '' }, { urls: 'turn:t', username: 'u', credential: 'c' }])).toEqual([
      { urls: ['stun:s:3478'] },
      { urls: 'turn:t', username: 'u', credential: 'c' },
    ]);
    expect(rtcIceServers(undefined)).toEqual([]);
  });

  it('merges chat history and live messages without repeats, in order', () => {
    const a = { id: 'm1', from: 'patient', text: 'hi', at: '2026-03-09T13:00:01Z' };
    const b2 = { id: 'm2', from: 'doctor', text: 'hello', at: '2026-03-09T13:00:02Z' };
    expect(mergeChat([b2], [a, b2]).map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('returns only to paths inside the app', () => {
    expect(safeReturnPath('/doctor/appointments/bkg_1', '/')).toBe('/doctor/appointments/bkg_1');
    expect(safeReturnPath('//evil.example', '/')).toBe('/');
    expect(safeReturnPath('https://evil.example', '/')).toBe('/');
    expect(safeReturnPath('/\\evil', '/x')).toBe('/x');
    expect(safeReturnPath(null, '/bookings/1')).toBe('/bookings/1');
  });
});
