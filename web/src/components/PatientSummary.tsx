// The patient's profile and medical history as the booking's doctor reads them (the care relationship of a
// booking lets the doctor read them; every read is in the patient's access log).
import { PanelHead, LoadProblem, useLoader } from './account';
import { ageOn, detailSummary, formatDate, groupByKind, SEX_OPTIONS, type HistoryEntry, type Profile } from '../users';
import { getProfile, listHistory } from '../usersApi';

export function PatientSummary({ patientId, patientName }: { patientId: string; patientName: string }) {
  const profile = useLoader((signal) => getProfile(patientId, signal), [patientId]);
  const history = useLoader((signal) => listHistory(patientId, { limit: 100 }, signal), [patientId]);
  const p = profile.data?.data ?? null;
  const entries = history.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="patient-heading" data-testid="patient-summary">
      <PanelHead id="patient-heading" title={`Patient: ${p?.name ?? patientName}`} />
      <LoadProblem problem={profile.problem} what="this patient's profile" />
      {p ? <PatientFacts profile={p} /> : profile.loading ? <p className="muted">Loading…</p> : null}
      <h3>Medical history</h3>
      <LoadProblem problem={history.problem} what="this patient's medical history" />
      {history.loading && !history.data ? <p className="muted">Loading…</p> : null}
      {history.data && entries.length === 0 ? (
        <p className="empty" data-testid="patient-history-empty">
          Nothing recorded.
        </p>
      ) : null}
      {groupByKind(entries).map((g) => (
        <section key={g.kind} className="group" aria-labelledby={`ph-${g.kind}`}>
          <h4 id={`ph-${g.kind}`} className="group__title">
            {g.label} <span className="count">{g.items.length}</span>
          </h4>
          <ul className="history-brief">
            {g.items.map((e) => (
              <HistoryLine key={e.id} entry={e} />
            ))}
          </ul>
        </section>
      ))}
      <p className="muted">You can read this patient's records from the booking until 7 days after the appointment; each read is shown to the patient.</p>
    </section>
  );
}

function PatientFacts({ profile }: { profile: Profile }) {
  const age = ageOn(profile.date_of_birth);
  const sex = SEX_OPTIONS.find((o) => o.value === profile.sex)?.label ?? profile.sex;
  const facts: [string, string | null][] = [
    ['Age', age !== null ? `${age} years (born ${formatDate(profile.date_of_birth)})` : null],
    ['Sex', sex],
    ['Blood group', profile.blood_group],
    ['Height', profile.height_cm != null ? `${profile.height_cm} cm` : null],
    ['Weight', profile.weight_kg != null ? `${profile.weight_kg} kg` : null],
  ];
  return (
    <dl className="facts facts--compact" data-testid="patient-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? <span className="muted">Not recorded</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function HistoryLine({ entry }: { entry: HistoryEntry }) {
  const summary = detailSummary(entry);
  return (
    <li data-testid="patient-history-entry" data-kind={entry.kind}>
      <span className="history-brief__title">{entry.title}</span>
      {entry.status && entry.status !== 'active' ? <span className="badge badge--muted">{entry.status}</span> : null}
      {entry.details?.severity === 'severe' ? <span className="badge badge--danger">severe</span> : null}
      {summary ? <span className="muted"> · {summary}</span> : null}
      {entry.onset_date ? <span className="muted"> · since {formatDate(entry.onset_date)}</span> : null}
      {entry.notes ? <div className="muted">{entry.notes}</div> : null}
    </li>
  );
}
