import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { AppHeader, LoadProblem, MemberSwitcher, PanelHead, useSubject } from '../components/account';
import { Field, Notice, ProblemAlert, SelectField, SubmitButton, TextAreaField } from '../components/ui';
import {
  appendPage,
  CODE_SYSTEMS,
  detailSummary,
  emptyEntryForm,
  entryBody,
  entryToForm,
  etagFromVersion,
  fieldErrors,
  formatDate,
  groupByKind,
  isHistoryKind,
  isPreconditionFailed,
  kindInfo,
  KINDS,
  nextCursor,
  STATUS_OPTIONS,
  unshownErrors,
  upsertById,
  validateEntry,
  validationProblem,
  type DetailField,
  type EntryForm,
  type HistoryEntry,
} from '../users';
import { createHistoryEntry, deleteHistoryEntry, getHistoryEntry, listHistory, updateHistoryEntry, type Versioned } from '../usersApi';

const PAGE_SIZE = 20;

const CONFLICT_MESSAGE =
  'This entry was changed on another device while you were editing. We loaded the latest version: please check it and make your change again.';

export default function MedicalHistory() {
  const subject = useSubject();
  const { forId } = subject;
  const [params, setParams] = useSearchParams();
  const rawKind = params.get('kind');
  const kind = isHistoryKind(rawKind) ? rawKind : null;

  const [items, setItems] = useState<HistoryEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [moreProblem, setMoreProblem] = useState<Problem | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setProblem(null);
    setMoreProblem(null);
    listHistory(forId, { kind, limit: PAGE_SIZE }, ac.signal)
      .then((page) => {
        setItems(page.items ?? []);
        setCursor(nextCursor(page));
      })
      .catch((err: unknown) => {
        if (ac.signal.aborted) return;
        setItems([]);
        setCursor(null);
        setProblem(toProblem(err));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [forId, kind]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreProblem(null);
    try {
      const page = await listHistory(forId, { kind, limit: PAGE_SIZE, cursor });
      setItems((list) => appendPage(list, page.items ?? [], (e) => e.id));
      setCursor(nextCursor(page));
    } catch (err) {
      setMoreProblem(toProblem(err));
    } finally {
      setLoadingMore(false);
    }
  };

  const setKind = (k: string | null) => {
    const next = new URLSearchParams(params);
    if (k) next.set('kind', k);
    else next.delete('kind');
    setParams(next, { replace: true });
    setNotice(null);
  };

  const onChanged = useCallback((e: HistoryEntry, message: string) => {
    setItems((list) => upsertById(list, e));
    setNotice(message);
  }, []);

  const onDeleted = useCallback((e: HistoryEntry) => {
    setItems((list) => list.filter((x) => x.id !== e.id));
    setNotice(`Deleted “${e.title}”.`);
  }, []);

  const shown = kind ? items.filter((e) => e.kind === kind) : items;
  const whose = subject.isSelf ? null : (subject.name ?? 'this person');

  return (
    <>
      <AppHeader />
      <main className="page">
        <MemberSwitcher subject={subject} />
        <section className="panel" aria-labelledby="history-heading">
          <PanelHead id="history-heading" level={1} title={whose ? `${whose}'s medical history` : 'Medical history'}>
            {subject.canWrite && !adding ? (
              <button
                type="button"
                className="button button--primary button--small"
                onClick={() => {
                  setAdding(true);
                  setNotice(null);
                }}
              >
                Add entry
              </button>
            ) : null}
          </PanelHead>
          <p className="muted">
            Conditions, allergies, medicines, operations, vaccines, family history and lifestyle. Kept encrypted; only
            you, people you manage or link, and the care providers you allow can see it.
          </p>
          {notice ? <Notice tone="success">{notice}</Notice> : null}

          {adding ? (
            <div className="editor">
              <h2>New entry</h2>
              <EntryEditor
                initial={emptyEntryForm(kind ?? 'condition')}
                submitLabel="Add entry"
                onCancel={() => setAdding(false)}
                onSubmit={async (body) => {
                  const r = await createHistoryEntry(forId, body);
                  setAdding(false);
                  if (!kind || r.data.kind === kind) onChanged(r.data, `Added “${r.data.title}”.`);
                  else setNotice(`Added “${r.data.title}” to ${kindInfo(r.data.kind)?.plural ?? r.data.kind}.`);
                }}
              />
            </div>
          ) : null}

          <div className="chips" role="group" aria-label="Show entries of kind">
            <button type="button" className="chip" aria-pressed={kind === null} onClick={() => setKind(null)}>
              All
            </button>
            {KINDS.map((k) => (
              <button key={k.value} type="button" className="chip" aria-pressed={kind === k.value} onClick={() => setKind(k.value)}>
                {k.plural}
              </button>
            ))}
          </div>

          <LoadProblem problem={problem} what="this medical history" />
          {loading ? (
            <p className="muted" role="status">
              Loading…
            </p>
          ) : null}
          {!loading && !problem && shown.length === 0 ? (
            <p className="empty" data-testid="history-empty">
              {kind ? `No ${kindInfo(kind)?.plural.toLowerCase() ?? 'entries'} recorded.` : 'Nothing recorded yet.'}
              {subject.canWrite && !adding ? ' Use “Add entry” to start.' : ''}
            </p>
          ) : null}

          {!loading && shown.length > 0 ? (
            kind ? (
              <EntryList entries={shown} forId={forId} canWrite={subject.canWrite} onChanged={onChanged} onDeleted={onDeleted} />
            ) : (
              groupByKind(shown).map((g) => (
                <section key={g.kind} className="group" aria-labelledby={`group-${g.kind}`}>
                  <h2 id={`group-${g.kind}`} className="group__title">
                    {g.label} <span className="count">{g.items.length}</span>
                  </h2>
                  <EntryList entries={g.items} forId={forId} canWrite={subject.canWrite} onChanged={onChanged} onDeleted={onDeleted} />
                </section>
              ))
            )
          ) : null}

          {moreProblem ? <ProblemAlert problem={moreProblem} /> : null}
          {cursor && !loading ? (
            <div className="more">
              <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore || undefined}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </section>
      </main>
    </>
  );
}

function EntryList({
  entries,
  forId,
  canWrite,
  onChanged,
  onDeleted,
}: {
  entries: HistoryEntry[];
  forId: string | null;
  canWrite: boolean;
  onChanged: (e: HistoryEntry, message: string) => void;
  onDeleted: (e: HistoryEntry) => void;
}) {
  return (
    <ul className="entries">
      {entries.map((e) => (
        <li key={e.id}>
          <EntryItem entry={e} forId={forId} canWrite={canWrite} onChanged={onChanged} onDeleted={onDeleted} />
        </li>
      ))}
    </ul>
  );
}

function dateRange(e: HistoryEntry): string {
  const start = formatDate(e.onset_date);
  const end = formatDate(e.end_date);
  if (e.kind === 'immunization' || e.kind === 'surgery') return start;
  if (start && end) return `${start} – ${end}`;
  if (start) return `Since ${start}`;
  if (end) return `Until ${end}`;
  return '';
}

function EntryItem({
  entry,
  forId,
  canWrite,
  onChanged,
  onDeleted,
}: {
  entry: HistoryEntry;
  forId: string | null;
  canWrite: boolean;
  onChanged: (e: HistoryEntry, message: string) => void;
  onDeleted: (e: HistoryEntry) => void;
}) {
  const headingId = useId();
  const [editing, setEditing] = useState<Versioned<HistoryEntry> | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const summary = detailSummary(entry);
  const dates = dateRange(entry);

  const startEdit = async () => {
    setBusy(true);
    setProblem(null);
    setConflict(false);
    try {
      setEditing(await getHistoryEntry(forId, entry.id));
    } catch (err) {
      const p = toProblem(err);
      if (p.status === 404) setProblem(p);
      else setEditing({ data: entry, etag: etagFromVersion(entry.version) }); // edit what is shown
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await deleteHistoryEntry(forId, entry.id);
      onDeleted(entry);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };

  if (editing) {
    return (
      <div className="editor" aria-labelledby={headingId}>
        <h3 id={headingId}>Edit “{entry.title}”</h3>
        {conflict ? (
          <div className="alert alert--warning" role="alert">
            <p>{CONFLICT_MESSAGE}</p>
          </div>
        ) : null}
        <EntryEditor
          key={`${editing.data.id}:${editing.data.version}`}
          initial={entryToForm(editing.data)}
          submitLabel="Save changes"
          onCancel={() => {
            setEditing(null);
            setConflict(false);
          }}
          onSubmit={async (body) => {
            try {
              const r = await updateHistoryEntry(forId, entry.id, editing.etag, body);
              setEditing(null);
              setConflict(false);
              onChanged(r.data, `Saved “${r.data.title}”.`);
            } catch (err) {
              if (isPreconditionFailed(toProblem(err))) {
                const fresh = await getHistoryEntry(forId, entry.id);
                setConflict(true);
                setEditing(fresh);
                onChanged(fresh.data, '');
                return;
              }
              throw err;
            }
          }}
        />
      </div>
    );
  }

  return (
    <article className="entry" aria-labelledby={headingId} data-testid="history-entry" data-kind={entry.kind}>
      <div className="entry__head">
        <div className="entry__main">
          <h3 id={headingId} className="entry__title">
            {entry.title}
          </h3>
          <p className="entry__meta">
            {entry.status && entry.status !== 'active' ? <span className="badge badge--muted">{entry.status}</span> : null}
            {entry.details?.severity === 'severe' ? <span className="badge badge--danger">severe</span> : null}
            {dates ? <span>{dates}</span> : null}
          </p>
          {summary ? <p className="entry__details">{summary}</p> : null}
          {entry.notes ? <p className="entry__notes">{entry.notes}</p> : null}
          {entry.code?.value ? (
            <p className="entry__code muted">
              {entry.code.system} <code>{entry.code.value}</code>
            </p>
          ) : null}
          {entry.recorded_by && entry.recorded_by.role !== 'patient' && entry.recorded_by.id !== forId ? (
            <p className="muted">Recorded by {entry.recorded_by.name ?? `a ${entry.recorded_by.role}`}</p>
          ) : null}
        </div>
        {canWrite && !confirming ? (
          <div className="entry__actions">
            <button type="button" className="button button--secondary button--small" onClick={startEdit} disabled={busy} aria-label={`Edit ${entry.title}`}>
              Edit
            </button>
            <button
              type="button"
              className="button button--ghost-danger button--small"
              onClick={() => setConfirming(true)}
              disabled={busy}
              aria-label={`Delete ${entry.title}`}
            >
              Delete
            </button>
          </div>
        ) : null}
      </div>
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm deleting ${entry.title}`}>
          <p>Delete “{entry.title}” from the medical history?</p>
          <div className="row">
            <button type="button" className="button button--danger button--small" onClick={remove} disabled={busy}>
              {busy ? 'Deleting…' : 'Yes, delete'}
            </button>
            <button type="button" className="button button--link" onClick={() => setConfirming(false)} disabled={busy}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {problem ? <ProblemAlert problem={problem} /> : null}
    </article>
  );
}

const ENTRY_FIELDS_BASE = ['kind', 'title', 'status', 'onset_date', 'end_date', 'notes', 'code', 'code.system', 'code.value', 'details'];

function EntryEditor({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: EntryForm;
  submitLabel: string;
  onSubmit: (body: ReturnType<typeof entryBody>) => Promise<void>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<EntryForm>(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const info = kindInfo(form.kind) ?? KINDS[0]!;
  const shownFields = [...ENTRY_FIELDS_BASE, ...info.details.map((d) => `details.${d.key}`)];
  const [codeShown, setCodeShown] = useState(() => !!(initial.code_system || initial.code_value));
  const codeOpen = codeShown || !!(errors['code.system'] || errors['code.value'] || errors.code);
  const pointInTime = form.kind === 'immunization' || form.kind === 'surgery';
  const set = (k: keyof Omit<EntryForm, 'details'>) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateEntry(form));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      const body = entryBody(form);
      if (pointInTime) body.end_date = null;
      await onSubmit(body);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel === 'Add entry' ? 'New medical history entry' : 'Edit medical history entry'}>
      <ProblemAlert problem={problem} extra={unshownErrors(problem, shownFields)} />
      <div className="grid-2">
        <SelectField label="Type of entry" name="kind" value={form.kind} onChange={set('kind')} error={errors.kind}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" name="status" value={form.status} onChange={set('status')} error={errors.status}>
          {STATUS_OPTIONS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>
      <Field label={info.titleLabel} name="title" hint={info.titleHint} required maxLength={200} value={form.title} onChange={set('title')} error={errors.title} />
      {info.details.length > 0 ? (
        <div className="grid-2">
          {info.details.map((d) => (
            <DetailInput
              key={`${form.kind}:${d.key}`}
              field={d}
              value={form.details[d.key] ?? ''}
              error={errors[`details.${d.key}`]}
              onChange={(v) => setForm((f) => ({ ...f, details: { ...f.details, [d.key]: v } }))}
            />
          ))}
        </div>
      ) : null}
      {errors.details ? <p className="field__error">{errors.details}</p> : null}
      <div className="grid-2">
        <Field
          label={pointInTime ? 'Date (optional)' : 'Start date (optional)'}
          name="onset_date"
          type="date"
          value={form.onset_date}
          onChange={set('onset_date')}
          error={errors.onset_date}
        />
        {pointInTime ? null : (
          <Field label="End date (optional)" name="end_date" type="date" value={form.end_date} onChange={set('end_date')} error={errors.end_date} />
        )}
      </div>
      <TextAreaField label="Notes (optional)" name="notes" maxLength={4000} value={form.notes} onChange={set('notes')} error={errors.notes} />
      <details className="disclosure" open={codeOpen} onToggle={(e) => setCodeShown(e.currentTarget.open)}>
        <summary>Medical code (optional)</summary>
        <p className="muted">If a doctor or a prescription gave you a code, you can add it here.</p>
        <div className="grid-2">
          <SelectField label="Code system" name="code_system" value={form.code_system} onChange={set('code_system')} error={errors['code.system'] ?? errors.code}>
            <option value="">No code</option>
            {CODE_SYSTEMS.map((c) => (
              <option key={c} value={c}>
                {c === 'other' ? 'Other' : c}
              </option>
            ))}
          </SelectField>
          <Field label="Code" name="code_value" maxLength={40} value={form.code_value} onChange={set('code_value')} error={errors['code.value']} />
        </div>
      </details>
      <div className="row">
        <SubmitButton busy={busy} busyLabel="Saving…">
          {submitLabel}
        </SubmitButton>
        <button type="button" className="button button--link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DetailInput({ field, value, error, onChange }: { field: DetailField; value: string; error?: string; onChange: (v: string) => void }) {
  const listId = useId();
  if (field.type === 'select') {
    return (
      <SelectField label={field.label} name={field.key} hint={field.hint} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
        <option value="">Not set</option>
        {field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectField>
    );
  }
  return (
    <div>
      <Field
        label={field.label}
        name={field.key}
        hint={field.hint}
        inputMode={field.type === 'number' ? 'numeric' : undefined}
        maxLength={field.maxLength}
        list={field.suggestions ? listId : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
      />
      {field.suggestions ? (
        <datalist id={listId}>
          {field.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
