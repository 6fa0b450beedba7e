import { describe, expect, it } from 'vitest';
import { inJoinWindow, minutesUntilJoin, nextAppointment, onboardingSteps, todayRange } from './dashboard';
import type { DoctorProfile } from '../../practice';

const at = (iso: string) => new Date(iso);
const visit = (start: string, end: string, status = 'confirmed', type = 'video') => ({ id: start, status, type, start, end });

describe('the Join window', () => {
  const b = visit('2026-03-09T10:00:00Z', '2026-03-09T10:15:00Z');
  it('opens 10 minutes before the start and closes at the end', () => {
    expect(inJoinWindow(b, at('2026-03-09T09:49:00Z'))).toBe(false);
    expect(inJoinWindow(b, at('2026-03-09T09:50:00Z'))).toBe(true);
    expect(inJoinWindow(b, at('2026-03-09T10:14:59Z'))).toBe(true);
    expect(inJoinWindow(b, at('2026-03-09T10:15:00Z'))).toBe(false);
  });
  it('is open while the consultation is in progress, never for a clinic visit or a cancelled one', () => {
    expect(inJoinWindow({ ...b, status: 'in_progress' }, at('2026-03-09T11:00:00Z'))).toBe(true);
    expect(inJoinWindow({ ...b, type: 'clinic' }, at('2026-03-09T10:00:00Z'))).toBe(false);
    expect(inJoinWindow({ ...b, status: 'cancelled' }, at('2026-03-09T10:00:00Z'))).toBe(false);
  });
  it('counts the minutes until it opens', () => {
    expect(minutesUntilJoin(b, at('2026-03-09T09:30:00Z'))).toBe(20);
    expect(minutesUntilJoin(b, at('2026-03-09T09:55:00Z'))).toBe(0);
    expect(minutesUntilJoin(b, at('2026-03-09T10:30:00Z'))).toBe(null);
  });
});

describe('the next appointment', () => {
  it('is the one in progress, else the earliest still ahead', () => {
    const now = at('2026-03-09T10:00:00Z');
    const past = visit('2026-03-09T08:00:00Z', '2026-03-09T08:15:00Z');
    const soon = visit('2026-03-09T11:00:00Z', '2026-03-09T11:15:00Z');
    const later = visit('2026-03-10T11:00:00Z', '2026-03-10T11:15:00Z');
    expect(nextAppointment([later, past, soon], now)?.id).toBe(soon.id);
    const running = { ...visit('2026-03-09T09:00:00Z', '2026-03-09T09:15:00Z'), status: 'in_progress' };
    expect(nextAppointment([soon, running], now)?.id).toBe(running.id);
    expect(nextAppointment([past, { ...soon, status: 'cancelled' }], now)).toBe(null);
  });
  it("today's range spans one local day", () => {
    const r = todayRange(new Date(2026, 2, 9, 15, 30));
    expect(new Date(r.from).getTime()).toBe(new Date(2026, 2, 9).getTime());
    expect(new Date(r.to).getTime()).toBe(new Date(2026, 2, 10).getTime());
  });
});

describe('the onboarding checklist', () => {
  const profile = (over: Partial<DoctorProfile>): DoctorProfile =>
    ({ specialties: ['dermatology'], qualifications: [{ degree: 'MBBS', institution: 'X' }], registration: { number: 'DMC/1', council: 'DMC' }, consultation_types: { video: { fee: { amount: 1, currency: 'INR' } } }, status: 'draft', rejection_reason: null, ...over }) as DoctorProfile;
  const states = (p: DoctorProfile | null, weekly = 0) =>
    Object.fromEntries(onboardingSteps(p, weekly ? { time_zone: 'UTC', slot_minutes: 15, weekly: Array(weekly).fill({}) } : null).map((s) => [s.id, s.state]));
  it('starts all to do, and a saved draft is not "submitted" nor "waiting"', () => {
    expect(Object.values(states(null))).toEqual(['todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
    expect(states(profile({}), 1)).toEqual({ profile: 'done', qualifications: 'done', registration: 'done', schedule: 'done', submitted: 'todo', verified: 'todo' });
  });
  it('follows submission, rejection and verification', () => {
    expect(states(profile({ status: 'pending' }))).toMatchObject({ submitted: 'done', verified: 'waiting' });
    expect(states(profile({ status: 'rejected', rejection_reason: 'bad number' }))).toMatchObject({ submitted: 'failed', verified: 'todo' });
    expect(states(profile({ status: 'verified' }))).toMatchObject({ submitted: 'done', verified: 'done' });
    expect(onboardingSteps(profile({ status: 'pending' }), null).find((s) => s.id === 'verified')?.hint).toMatch(/awaiting verification/);
    expect(onboardingSteps(profile({}), null).some((s) => /awaiting verification/.test(s.hint))).toBe(false);
  });
});
