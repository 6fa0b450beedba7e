// The doctor's weekly hours and the exceptions to them (leave, extra hours).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AppHeader, LoadProblem, PanelHead, Saved, useLoader } from '../components/account';
import { ExceptionsPanel } from '../components/ExceptionsPanel';
import { ConflictAlert, Loading, useConflictReload } from '../components/pageParts';
import { WeeklyEditor } from '../components/WeeklyEditor';
import { addDays, todayInZone } from '../practice';
import { getMyPractice, getSchedule, listExceptions } from '../practiceApi';

const CONFLICT_MESSAGE = 'Your hours were changed on another device meanwhile. We loaded the latest version: please make your change again.';

export default function Schedule() {
  const { data, setData, problem, loading } = useLoader(async (signal) => {
    const [profile, schedule] = await Promise.all([getMyPractice(signal), getSchedule(signal)]);
    const zone = schedule?.data.time_zone ?? profile?.data.time_zone ?? null;
    const today = todayInZone(zone);
    const exceptions = profile ? await listExceptions({ from: today, to: addDays(today, 180) }, signal) : { items: [] };
    return { profile, schedule, exceptions: exceptions.items ?? [], today };
  }, []);
  const [saved, setSaved] = useState<string | null>(null);
  const profile = data?.profile?.data ?? null;
  const schedule = data?.schedule ?? null;
  const offeredTypes = Object.keys(profile?.consultation_types ?? {});

  const { conflict, setConflict, reloadAfterConflict } = useConflictReload(async () => {
    setSaved(null);
    const fresh = await getSchedule();
    setData((d) => (d ? { ...d, schedule: fresh } : d));
  });

  return (
    <>
      <AppHeader />
      <main className="page page--wide">
        <section className="panel" aria-labelledby="schedule-heading">
          <PanelHead id="schedule-heading" level={1} title="Weekly hours" />
          <p className="muted">
            Patients can book the slots inside these hours. Leave a gap between two ranges for a break.
          </p>
          <LoadProblem problem={problem} what="your schedule" />
          <Loading show={loading && !data} />
          {data && !profile ? (
            <div className="alert alert--info" role="status">
              <p>
                Set up your <Link to="/practice">practice profile</Link> first: your hours use its time zone and clinic locations.
              </p>
            </div>
          ) : null}
          <ConflictAlert show={conflict} message={CONFLICT_MESSAGE} />
          <Saved message={saved} />
          {profile ? (
            <WeeklyEditor
              key={schedule ? `v${schedule.data.version ?? ''}:${schedule.etag ?? ''}` : 'new'}
              current={schedule}
              defaults={{ time_zone: profile.time_zone, slot_minutes: profile.slot_minutes }}
              locations={profile.locations ?? []}
              types={offeredTypes}
              onSaved={(v) => {
                setData((d) => (d ? { ...d, schedule: v } : d));
                setConflict(false);
                setSaved('Your weekly hours were saved.');
              }}
              onConflict={reloadAfterConflict}
            />
          ) : null}
        </section>
        {data && profile ? (
          <ExceptionsPanel
            items={data.exceptions}
            locations={profile.locations ?? []}
            types={offeredTypes}
            slotMinutes={schedule?.data.slot_minutes ?? profile.slot_minutes}
            today={data.today}
            onChange={(items) => setData((d) => (d ? { ...d, exceptions: items } : d))}
          />
        ) : null}
      </main>
    </>
  );
}
