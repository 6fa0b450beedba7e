// The weekly hours editor: per weekday, ranges of local wall-clock time with a consultation type (and the clinic
// for clinic hours). A break is the gap between two ranges of a day.
import { useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../api';
import {
  breaksOf,
  isStale,
  newRange,
  rangeToForm,
  SLOT_MINUTES,
  sortRanges,
  timeZoneOptions,
  validateWeekly,
  weeklyBody,
  weeklyMinutes,
  WEEKDAYS,
  type PracticeLocation,
  type RangeForm,
  type Schedule,
} from '../practice';
import { saveSchedule } from '../practiceApi';
import { fieldErrors, unshownErrors, validationProblem } from '../users';
import type { Versioned } from '../usersApi';
import { TimeField, typeOptions } from './practiceUi';
import { ProblemAlert, SelectField, SubmitButton } from './ui';

export function WeeklyEditor({
  current,
  defaults,
  locations,
  types,
  onSaved,
  onConflict,
}: {
  current: Versioned<Schedule> | null;
  defaults: { time_zone: string; slot_minutes: number };
  locations: PracticeLocation[];
  /** The consultation types the practice profile offers. */
  types: string[];
  onSaved: (v: Versioned<Schedule>) => void;
  onConflict: () => Promise<void>;
}) {
  const [ranges, setRanges] = useState<RangeForm[]>(() => sortRanges((current?.data.weekly ?? []).map(rangeToForm)));
  const [timeZone, setTimeZone] = useState(current?.data.time_zone ?? defaults.time_zone);
  const [slot, setSlot] = useState(String(current?.data.slot_minutes ?? defaults.slot_minutes));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const locationIds = locations.map((l) => l.id).filter((id): id is string => !!id);
  const hours = weeklyMinutes(ranges) / 60;

  const update = (key: string, patch: Partial<RangeForm>) => setRanges((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const copyToWeekdays = (from: number) =>
    setRanges((rs) => {
      const source = rs.filter((r) => r.weekday === from);
      const others = rs.filter((r) => r.weekday === from || r.weekday > 5);
      const copies = [1, 2, 3, 4, 5]
        .filter((d) => d !== from)
        .flatMap((d) => source.map((r) => ({ ...newRange(d, []), start: r.start, end: r.end, type: r.type, location_id: r.location_id })));
      return sortRanges([...others, ...copies]);
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const sorted = sortRanges(ranges);
    setRanges(sorted);
    const invalid = validationProblem(validateWeekly(sorted, { locationIds, slotMinutes: Number(slot), types }));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      onSaved(await saveSchedule(current?.etag ?? null, { time_zone: timeZone, slot_minutes: Number(slot), weekly: weeklyBody(sorted) }));
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

  const shown = ['time_zone', 'slot_minutes', ...ranges.flatMap((_, i) => ['start', 'end', 'type', 'location_id'].map((k) => `weekly.${i}.${k}`))];

  return (
    <form onSubmit={submit} noValidate aria-label="Weekly hours">
      <ProblemAlert problem={problem} extra={unshownErrors(problem, shown)} />
      <div className="grid-2">
        <SelectField label="Time zone" name="time_zone" hint="Your hours are in this zone's local time." value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={errors.time_zone}>
          {timeZoneOptions(timeZone).map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <SelectField label="Slot length" name="slot_minutes" hint="Each range is cut into slots of this length." value={slot} onChange={(e) => setSlot(e.target.value)} error={errors.slot_minutes}>
          {SLOT_MINUTES.map((m) => (
            <option key={m} value={String(m)}>
              {m} minutes
            </option>
          ))}
        </SelectField>
      </div>
      <div className="week">
        {WEEKDAYS.map((day) => {
          const dayRanges = ranges.map((r, i) => ({ r, i })).filter(({ r }) => r.weekday === day.value);
          const breaks = breaksOf(dayRanges.map(({ r }) => r));
          return (
            <fieldset key={day.value} className={`day${dayRanges.length === 0 ? ' day--off' : ''}`} aria-label={day.label}>
              <legend>{day.label}</legend>
              {dayRanges.length === 0 ? <p className="muted">Not working.</p> : null}
              <ul className="day__ranges">
                {dayRanges.map(({ r, i }, n) => (
                  <li key={r.key}>
                    <div className="range" role="group" aria-label={`${day.label} hours ${n + 1}`}>
                      <TimeField label="From" name="start" value={r.start} onChange={(v) => update(r.key, { start: v })} error={errors[`weekly.${i}.start`]} />
                      <TimeField label="To" name="end" untilMidnight value={r.end} onChange={(v) => update(r.key, { end: v })} error={errors[`weekly.${i}.end`]} />
                      <SelectField label="Type" name="type" value={r.type} onChange={(e) => update(r.key, { type: e.target.value })} error={errors[`weekly.${i}.type`]}>
                        {typeOptions(types, r.type).map((t) => (
                          <option key={t.value} value={t.value}>
                            {t.label}
                          </option>
                        ))}
                      </SelectField>
                      {r.type === 'clinic' ? (
                        <SelectField label="Clinic" name="location_id" value={r.location_id} onChange={(e) => update(r.key, { location_id: e.target.value })} error={errors[`weekly.${i}.location_id`]}>
                          <option value="">Choose…</option>
                          {locations.map((l) => (
                            <option key={l.id} value={l.id}>
                              {l.name}
                            </option>
                          ))}
                        </SelectField>
                      ) : (
                        <span className="range__spacer" aria-hidden="true" />
                      )}
                      <button
                        type="button"
                        className="button button--link range__remove"
                        onClick={() => setRanges((rs) => rs.filter((x) => x.key !== r.key))}
                        aria-label={`Remove ${day.label} hours ${n + 1}`}
                      >
                        Remove
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
              <div className="day__foot">
                <p className="day__breaks">{breaks.length > 0 ? `Breaks: ${breaks.map((b) => `${b.start}–${b.end}`).join(', ')}` : ''}</p>
                <div className="row">
                  {day.value <= 5 && dayRanges.length > 0 ? (
                    <button type="button" className="button button--link" onClick={() => copyToWeekdays(day.value)}>
                      Copy to Monday–Friday
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setRanges((rs) => sortRanges([...rs, { ...newRange(day.value, rs), type: types[0] ?? 'video' }]))}
                    aria-label={`Add hours on ${day.label}`}
                  >
                    Add hours
                  </button>
                </div>
              </div>
            </fieldset>
          );
        })}
      </div>
      <div className="row row--between">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Save weekly hours
        </SubmitButton>
        <span className="muted" data-testid="weekly-total">
          {hours > 0 ? `${Number.isInteger(hours) ? hours : hours.toFixed(1)} hours a week` : 'No hours yet'}
        </span>
      </div>
    </form>
  );
}
