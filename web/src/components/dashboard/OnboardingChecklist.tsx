// The doctor's onboarding checklist, shown on the home page until the profile is verified.
import { Link } from 'react-router-dom';
import { getMyPractice, getSchedule } from '../../practiceApi';
import { useLoader } from '../account';
import { onboardingSteps, type StepState } from './dashboard';
import { DashSection } from './Section';

const MARKS: Record<StepState, string> = { done: '✓', todo: '', waiting: '…', failed: '!' };
const STATE_TEXT: Record<StepState, string> = { done: 'done', todo: 'to do', waiting: 'waiting', failed: 'needs changes' };

export function OnboardingChecklist() {
  const loaded = useLoader(async (signal) => {
    const [profile, schedule] = await Promise.all([getMyPractice(signal), getSchedule(signal)]);
    return { profile: profile?.data ?? null, schedule: schedule?.data ?? null };
  }, []);
  const steps = loaded.data ? onboardingSteps(loaded.data.profile, loaded.data.schedule) : [];
  if (loaded.data?.profile?.status === 'verified') return null;
  const done = steps.filter((s) => s.state === 'done').length;

  return (
    <DashSection id="onboarding" title="Get ready to see patients" loading={loaded.loading && !loaded.data} problem={loaded.problem} what="your practice profile">
      <p className="muted">
        {done} of {steps.length} done. Patients can find and book you once our team has verified your profile.
      </p>
      <ol className="checklist" aria-label="Onboarding checklist">
        {steps.map((s) => (
          <li key={s.id} data-testid={`step-${s.id}`} data-state={s.state}>
            <span className="checklist__mark" aria-hidden="true">
              {MARKS[s.state]}
            </span>
            <div>
              <strong>{s.label}</strong> <span className="visually-hidden">({STATE_TEXT[s.state]})</span>
              <br />
              <span className="muted">
                {s.hint} {s.state === 'done' || s.state === 'waiting' ? null : <Link to={s.to}>Open</Link>}
              </span>
            </div>
          </li>
        ))}
      </ol>
    </DashSection>
  );
}
