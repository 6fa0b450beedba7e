// The doctor's practice profile (what patients see) and its verification status.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { AppHeader, LoadProblem, PanelHead, Saved, useLoader } from '../components/account';
import { ConflictAlert, Loading, useConflictReload } from '../components/pageParts';
import { PracticeEditor } from '../components/PracticeEditor';
import { VerificationBanner } from '../components/practiceUi';
import { useSubmit } from '../components/useSubmit';
import { emptyPracticeForm, practiceToForm } from '../practice';
import { getMyPractice, listSpecialties, submitForVerification } from '../practiceApi';

const CONFLICT_MESSAGE =
  'Your practice profile was changed on another device while you were editing. We loaded the latest version: please check it and make your change again.';

export default function PracticeProfile() {
  const { user } = useAuth();
  const { data, setData, problem, loading } = useLoader(async (signal) => {
    const [current, specialties] = await Promise.all([getMyPractice(signal), listSpecialties(signal)]);
    return { current, specialties: specialties.items ?? [] };
  }, []);
  const [saved, setSaved] = useState<string | null>(null);
  const submitting = useSubmit();
  const current = data?.current ?? null;
  const profile = current?.data ?? null;

  const submit = () => {
    setSaved(null);
    void submitting.run(async () => {
      const r = await submitForVerification();
      setData((d) => (d ? { ...d, current: r } : d));
      setSaved('Submitted for verification. We will let you know when our team has reviewed it.');
    });
  };

  const { conflict, setConflict, reloadAfterConflict } = useConflictReload(async () => {
    setSaved(null);
    const fresh = await getMyPractice();
    setData((d) => (d ? { ...d, current: fresh } : d));
  });

  return (
    <>
      <AppHeader />
      <main className="page">
        <section className="panel" aria-labelledby="practice-heading">
          <PanelHead id="practice-heading" level={1} title="Practice profile" />
          <p className="muted">
            What patients see when they look for a doctor. Set your weekly hours on the <Link to="/practice/schedule">schedule</Link> page.
          </p>
          <LoadProblem problem={problem} what="your practice profile" />
          <Loading show={loading && !data} />
          {data ? <VerificationBanner profile={profile} onSubmit={submit} submitting={submitting.busy} problem={submitting.problem} /> : null}
          <ConflictAlert show={conflict} message={CONFLICT_MESSAGE} />
          <Saved message={saved} />
        </section>
        {data ? (
          <section className="panel" aria-label="Edit practice profile">
            <PracticeEditor
              key={profile ? `${profile.version}` : 'new'}
              name={profile?.name ?? user?.name ?? ''}
              initial={profile ? practiceToForm(profile) : emptyPracticeForm()}
              current={current}
              specialties={data.specialties}
              onSaved={(v) => {
                setData((d) => (d ? { ...d, current: v } : d));
                setConflict(false);
                setSaved(
                  v.data.status === 'draft' || v.data.status === 'rejected'
                    ? 'Your practice profile was saved. Submit it for verification when it is complete.'
                    : 'Your practice profile was saved.',
                );
                window.scrollTo({ top: 0 });
              }}
              onConflict={reloadAfterConflict}
            />
          </section>
        ) : null}
      </main>
    </>
  );
}
