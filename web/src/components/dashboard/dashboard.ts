// The pure rules of the home pages (no React): which booking is "next", when its Join button shows, the
// day's range for a doctor's agenda, and the doctor's onboarding checklist.
import type { Booking } from '../../consultCommon';
import type { DoctorProfile, Schedule } from '../../practice';

const MINUTE = 60_000;
/** A video visit can be joined from this long before its start (the call page then waits for the doctor). */
export const JOIN_EARLY_MINUTES = 10;

const ACTIVE = new Set(['confirmed', 'pending_payment', 'in_progress']);

/** Still ahead or happening now. */
export function isAhead(b: Pick<Booking, 'status' | 'end'>, now: Date = new Date()): boolean {
  return b.status === 'in_progress' || (ACTIVE.has(b.status) && Date.parse(b.end) > now.getTime());
}

/** The next appointment: the earliest one still ahead (one in progress first). */
export function nextAppointment<T extends Pick<Booking, 'status' | 'start' | 'end'>>(items: readonly T[], now: Date = new Date()): T | null {
  const ahead = items.filter((b) => isAhead(b, now));
  ahead.sort((a, b) => Number(b.status === 'in_progress') - Number(a.status === 'in_progress') || a.start.localeCompare(b.start));
  return ahead[0] ?? null;
}

/** A video visit's Join button shows from JOIN_EARLY_MINUTES before the start until its end (or while in progress). */
export function inJoinWindow(b: Pick<Booking, 'status' | 'type' | 'start' | 'end'>, now: Date = new Date()): boolean {
  if (b.type !== 'video') return false;
  if (b.status === 'in_progress') return true;
  if (b.status !== 'confirmed') return false;
  const t = now.getTime();
  return t >= Date.parse(b.start) - JOIN_EARLY_MINUTES * MINUTE && t < Date.parse(b.end);
}

/** Minutes until the Join button shows (0 when it does; null for a visit that is not joined by video). */
export function minutesUntilJoin(b: Pick<Booking, 'status' | 'type' | 'start' | 'end'>, now: Date = new Date()): number | null {
  if (inJoinWindow(b, now)) return 0;
  if (b.type !== 'video' || b.status !== 'confirmed' || Date.parse(b.end) <= now.getTime()) return null;
  return Math.ceil((Date.parse(b.start) - JOIN_EARLY_MINUTES * MINUTE - now.getTime()) / MINUTE);
}

/** Today in the browser's zone as [midnight, next midnight) ISO instants: the agenda's `from` and `to`. */
export function todayRange(now: Date = new Date()): { from: string; to: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export type StepState = 'done' | 'todo' | 'waiting' | 'failed';
export interface OnboardingStep {
  id: 'profile' | 'qualifications' | 'registration' | 'schedule' | 'submitted' | 'verified';
  label: string;
  state: StepState;
  hint: string;
  to: string;
}

/**
 * The doctor's way to being bookable. `profile` is null before the first save; `schedule` null when no weekly
 * hours were saved. The submitted step is "done" only once the profile was really sent for review, so the page
 * never says "awaiting verification" to a doctor who has not submitted anything.
 */
export function onboardingSteps(profile: DoctorProfile | null, schedule: Schedule | null): OnboardingStep[] {
  const status = profile?.status ?? 'draft';
  const filled = !!profile && profile.specialties.length > 0 && Object.keys(profile.consultation_types ?? {}).length > 0;
  const submitted = status === 'pending' || status === 'verified';
  const weekly = schedule?.weekly?.length ?? 0;
  return [
    { id: 'profile', label: 'Practice profile filled in', state: filled ? 'done' : 'todo', hint: 'Specialties, languages, consultation types and fees.', to: '/practice' },
    { id: 'qualifications', label: 'Qualifications added', state: profile?.qualifications?.length ? 'done' : 'todo', hint: 'Your degrees with institution and year.', to: '/practice' },
    { id: 'registration', label: 'Registration number and council', state: profile?.registration ? 'done' : 'todo', hint: 'We check it with the issuing council.', to: '/practice' },
    { id: 'schedule', label: 'Weekly hours set', state: weekly > 0 ? 'done' : 'todo', hint: 'Patients book the free slots of your hours.', to: '/practice/schedule' },
    {
      id: 'submitted',
      label: 'Submitted for verification',
      state: submitted ? 'done' : status === 'rejected' ? 'failed' : 'todo',
      hint: submitted
        ? 'Sent to our team.'
        : status === 'rejected'
          ? `Not approved: ${profile?.rejection_reason ?? 'see your profile'}. Correct it and submit again.`
          : 'Send your profile to our team from the practice profile page.',
      to: '/practice',
    },
    {
      id: 'verified',
      label: 'Verified by our team',
      state: status === 'verified' ? 'done' : status === 'pending' ? 'waiting' : 'todo',
      hint: status === 'pending' ? 'Your profile is awaiting verification; we will email you the decision.' : 'Verified doctors appear in search and can be booked.',
      to: '/practice',
    },
  ];
}
