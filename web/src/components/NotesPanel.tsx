// The doctor's SOAP notes of a consultation, saved with If-Match (the patient reads only the plan).
import { useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../api';
import { isStale, notesToForm, NOTES_MAX, SOAP_KEYS, SOAP_LABELS, validateNotes, type ConsultationNotes, type SoapNotes } from '../practice';
import { getNotes, saveNotes } from '../practiceApi';
import { fieldErrors, formatDateTime, unshownErrors, validationProblem } from '../users';
import type { Versioned } from '../usersApi';
import { LoadProblem, PanelHead, useLoader } from './account';
import { Notice, ProblemAlert, SubmitButton, TextAreaField } from './ui';

export function NotesPanel({ bookingId, editable }: { bookingId: string; editable: boolean }) {
  const { data, setData, problem, loading } = useLoader((signal) => getNotes(bookingId, signal), [bookingId]);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <section className="panel" aria-labelledby="notes-heading">
      <PanelHead id="notes-heading" title="Consultation notes" />
      <p className="muted">Subjective, objective, assessment, plan. Only the plan is shown to the patient.</p>
      <LoadProblem problem={problem} what="the notes" />
      {loading && data === null && !problem ? <p className="muted">Loading…</p> : null}
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <p>These notes were changed elsewhere meanwhile. We loaded the latest version: please add your change again.</p>
        </div>
      ) : null}
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      {!loading && !problem ? (
        <NotesForm
          key={data ? `${data.data.version ?? ''}:${data.etag ?? ''}` : 'new'}
          bookingId={bookingId}
          current={data}
          editable={editable}
          onSaving={() => setSaved(null)}
          onSaved={(v) => {
            setData(v);
            setConflict(false);
            setSaved(`Notes saved${v.data.updated_at ? ` at ${formatDateTime(v.data.updated_at)}` : ''}.`);
          }}
          onConflict={async () => {
            setSaved(null);
            try {
              setData(await getNotes(bookingId));
            } finally {
              setConflict(true);
            }
          }}
        />
      ) : null}
    </section>
  );
}

function NotesForm({
  bookingId,
  current,
  editable,
  onSaving,
  onSaved,
  onConflict,
}: {
  bookingId: string;
  current: Versioned<ConsultationNotes> | null;
  editable: boolean;
  onSaving: () => void;
  onSaved: (v: Versioned<ConsultationNotes>) => void;
  onConflict: () => Promise<void>;
}) {
  const [form, setForm] = useState<SoapNotes>(() => notesToForm(current?.data));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateNotes(form));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    onSaving();
    try {
      onSaved(await saveNotes(bookingId, current?.etag ?? null, form));
    } catch (err) {
      const p = toProblem(err);
      if (isStale(p)) {
        await onConflict();
        return;
      }
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Consultation notes">
      <ProblemAlert problem={problem} extra={unshownErrors(problem, [...SOAP_KEYS])} />
      {SOAP_KEYS.map((k) => (
        <TextAreaField
          key={k}
          label={SOAP_LABELS[k].label}
          name={k}
          hint={SOAP_LABELS[k].hint}
          rows={k === 'plan' || k === 'subjective' ? 4 : 3}
          maxLength={NOTES_MAX}
          readOnly={!editable}
          value={form[k]}
          onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))}
          error={errors[k]}
        />
      ))}
      {editable ? (
        <div className="row">
          <SubmitButton busy={busy} busyLabel="Saving…">
            Save notes
          </SubmitButton>
        </div>
      ) : (
        <p className="muted">Notes can be changed while the consultation is in progress and for 24 hours after it ends.</p>
      )}
    </form>
  );
}
