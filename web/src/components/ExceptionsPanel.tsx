// Exceptions to the weekly hours: leave (a whole local day or part of it) and extra hours, listed with delete.
import { useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../api';
import {
  describeException,
  emptyExceptionForm,
  exceptionBody,
  validateException,
  type ExceptionForm,
  type PracticeLocation,
  type ScheduleException,
} from '../practice';
import { createException, deleteException } from '../practiceApi';
import { fieldErrors, formatDate, unshownErrors, validationProblem } from '../users';
import { PanelHead } from './account';
import { TimeField, typeOptions } from './practiceUi';
import { Checkbox, Field, Notice, ProblemAlert, SelectField, SubmitButton } from './ui';

const EXCEPTION_FIELDS = ['kind', 'date', 'start', 'end', 'type', 'location_id', 'note'];

export function ExceptionsPanel({
  items,
  locations,
  types,
  slotMinutes,
  today,
  onChange,
}: {
  items: ScheduleException[];
  locations: PracticeLocation[];
  types: string[];
  slotMinutes: number;
  today: string;
  onChange: (items: ScheduleException[]) => void;
}) {
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date) || (a.start ?? '').localeCompare(b.start ?? ''));

  return (
    <section className="panel" aria-labelledby="exceptions-heading">
      <PanelHead id="exceptions-heading" title="Leave and extra hours">
        {!adding ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setAdding(true);
              setNotice(null);
            }}
          >
            Add an exception
          </button>
        ) : null}
      </PanelHead>
      <p className="muted">
        Leave blocks new bookings; appointments already booked stay until you cancel them on the appointments page.
      </p>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {adding ? (
        <div className="editor">
          <h3>New exception</h3>
          <ExceptionEditor
            locations={locations}
            types={types}
            slotMinutes={slotMinutes}
            today={today}
            onCancel={() => setAdding(false)}
            onCreated={(x) => {
              setAdding(false);
              setNotice(`Added: ${describeException(x)} on ${formatDate(x.date)}.`);
              onChange([...items, x]);
            }}
          />
        </div>
      ) : null}
      {sorted.length === 0 ? (
        <p className="empty" data-testid="exceptions-empty">
          No leave or extra hours coming up.
        </p>
      ) : (
        <ul className="cards" aria-label="Upcoming exceptions">
          {sorted.map((x) => (
            <ExceptionItem
              key={x.id}
              item={x}
              locations={locations}
              onDeleted={() => {
                setNotice(`Removed: ${describeException(x)} on ${formatDate(x.date)}.`);
                onChange(items.filter((i) => i.id !== x.id));
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ExceptionItem({ item, locations, onDeleted }: { item: ScheduleException; locations: PracticeLocation[]; onDeleted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const where = item.location_id ? locations.find((l) => l.id === item.location_id)?.name : null;
  const remove = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await deleteException(item.id);
      onDeleted();
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };
  const what = describeException(item);
  return (
    <li className="card-item" data-testid="exception" data-kind={item.kind}>
      <div className="card-item__head">
        <p className="card-item__title">
          <span className="card-item__when">{formatDate(item.date)}</span> {what}
          {where ? ` · ${where}` : ''}
        </p>
        <button type="button" className="button button--ghost-danger button--small" onClick={remove} disabled={busy} aria-label={`Delete ${what} on ${item.date}`}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
      {item.note ? <p className="muted">{item.note}</p> : null}
      <ProblemAlert problem={problem} />
    </li>
  );
}

function ExceptionEditor({
  locations,
  types,
  slotMinutes,
  today,
  onCreated,
  onCancel,
}: {
  locations: PracticeLocation[];
  types: string[];
  slotMinutes: number;
  today: string;
  onCreated: (x: ScheduleException) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<ExceptionForm>(() => ({ ...emptyExceptionForm(today), type: types[0] ?? 'video' }));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const locationIds = locations.map((l) => l.id).filter((id): id is string => !!id);
  const timed = form.kind === 'extra' || !form.whole_day;
  const set = (k: keyof ExceptionForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateException(form, { locationIds, slotMinutes, types }, today));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      onCreated(await createException(exceptionBody(form)));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New exception">
      <ProblemAlert problem={problem} extra={unshownErrors(problem, EXCEPTION_FIELDS)} />
      <fieldset className="segmented">
        <legend>Kind</legend>
        <label>
          <input type="radio" name="kind" value="leave" checked={form.kind === 'leave'} onChange={() => setForm((f) => ({ ...f, kind: 'leave' }))} />
          Leave
        </label>
        <label>
          <input type="radio" name="kind" value="extra" checked={form.kind === 'extra'} onChange={() => setForm((f) => ({ ...f, kind: 'extra' }))} />
          Extra hours
        </label>
      </fieldset>
      <Field label="Date" name="date" type="date" min={today} value={form.date} onChange={set('date')} error={errors.date} />
      {form.kind === 'leave' ? (
        <Checkbox label="The whole day" checked={form.whole_day} onChange={(e) => setForm((f) => ({ ...f, whole_day: e.target.checked }))} />
      ) : null}
      {timed ? (
        <div className="grid-2">
          <TimeField label="From" name="start" value={form.start} onChange={(v) => setForm((f) => ({ ...f, start: v }))} error={errors.start} />
          <TimeField label="To" name="end" untilMidnight value={form.end} onChange={(v) => setForm((f) => ({ ...f, end: v }))} error={errors.end} />
        </div>
      ) : null}
      {form.kind === 'extra' ? (
        <div className="grid-2">
          <SelectField label="Type" name="type" value={form.type} onChange={set('type')} error={errors.type}>
            {typeOptions(types, form.type).map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </SelectField>
          {form.type === 'clinic' ? (
            <SelectField label="Clinic" name="location_id" value={form.location_id} onChange={set('location_id')} error={errors.location_id}>
              <option value="">Choose…</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
      ) : null}
      <Field label="Note (optional)" name="note" maxLength={500} value={form.note} onChange={set('note')} error={errors.note} />
      <div className="row">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Add exception
        </SubmitButton>
        <button type="button" className="button button--link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
