// The consultation's prescription: the form while it may be issued, then the signed prescription with its PDF
// and the verification link a pharmacy can check.
import { useId, useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../api';
import {
  absoluteUrl,
  compactRx,
  emptyRxForm,
  emptyRxItem,
  RX_ITEM_FIELDS,
  RX_LABELS,
  RX_LIMITS,
  RX_MAX_ITEMS,
  RX_REQUIRED,
  RX_SUGGESTIONS,
  rxBody,
  rxItemDirections,
  rxItemTitle,
  validateRx,
  type Prescription,
  type RxForm,
  type RxItemField,
  type RxItemForm,
} from '../practice';
import { getConsultationPrescription, issuePrescription } from '../practiceApi';
import { fieldErrors, formatDateTime, unshownErrors, validationProblem } from '../users';
import { LoadProblem, PanelHead, useLoader } from './account';
import { RxAdvice, usePrescriptionPdf } from './prescriptionParts';
import { Field, ProblemAlert, SubmitButton, TextAreaField } from './ui';

export function PrescriptionPanel({ bookingId, canIssue }: { bookingId: string; canIssue: boolean }) {
  const { data, setData, problem, loading } = useLoader((signal) => getConsultationPrescription(bookingId, signal), [bookingId]);

  return (
    <section className="panel" aria-labelledby="rx-heading">
      <PanelHead id="rx-heading" title="Prescription" />
      <LoadProblem problem={problem} what="the prescription" />
      {loading && !data ? <p className="muted">Loading…</p> : null}
      {data ? <IssuedPrescription rx={data} /> : null}
      {!loading && !problem && !data ? (
        canIssue ? (
          <PrescriptionForm bookingId={bookingId} onIssued={(rx) => setData(rx)} />
        ) : (
          <p className="muted">No prescription. You can write one during the consultation and for 24 hours after it.</p>
        )
      ) : null}
    </section>
  );
}

function IssuedPrescription({ rx }: { rx: Prescription }) {
  const { busy, problem, download } = usePrescriptionPdf(rx);
  const verify = rx.verify_url ? absoluteUrl(rx.verify_url, window.location.origin) : null;

  return (
    <div data-testid="prescription" data-prescription-id={rx.id}>
      <p>
        Issued {formatDateTime(rx.issued_at)} by {rx.doctor.name}
        {rx.doctor.registration ? ` (${rx.doctor.registration.council} ${rx.doctor.registration.number})` : ''} for {rx.patient.name}.
      </p>
      <div className="table-wrap">
        <table className="table rx-table">
          <thead>
            <tr>
              <th scope="col">Medicine</th>
              <th scope="col">How to take it</th>
              <th scope="col">Instructions</th>
            </tr>
          </thead>
          <tbody>
            {rx.items.map((i, n) => (
              <tr key={n} data-testid="prescription-item">
                <td>{rxItemTitle(i)}</td>
                <td>{rxItemDirections(i)}</td>
                <td>{i.instructions ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RxAdvice advice={rx.advice} followUp={rx.follow_up} />
      <div className="row">
        <button type="button" className="button button--primary button--small" onClick={download} disabled={busy}>
          {busy ? 'Downloading…' : 'Download PDF'}
        </button>
        {verify ? (
          <a className="verify-link" href={verify} target="_blank" rel="noopener noreferrer" data-testid="verify-link">
            Verification link
          </a>
        ) : null}
      </div>
      <p className="muted">
        The PDF carries a QR code of the verification link: a pharmacy can check the prescription is genuine and unaltered.
        {verify ? ' Share the link only with the patient: it is shown once.' : ''}
      </p>
      <ProblemAlert problem={problem} />
    </div>
  );
}

function PrescriptionForm({ bookingId, onIssued }: { bookingId: string; onIssued: (rx: Prescription) => void }) {
  const [form, setForm] = useState<RxForm>(emptyRxForm);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const shown = ['items', 'advice', 'follow_up', ...form.items.flatMap((_, i) => RX_ITEM_FIELDS.map((k) => `items.${i}.${k}`))];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const compact = compactRx(form);
    setForm(compact);
    const invalid = validationProblem(validateRx(compact));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      onIssued(await issuePrescription(bookingId, rxBody(compact)));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const updateItem = (key: string, k: RxItemField, v: string) => setForm((f) => ({ ...f, items: f.items.map((r) => (r.key === key ? { ...r, [k]: v } : r)) }));

  return (
    <form onSubmit={submit} noValidate aria-label="Prescription">
      <ProblemAlert problem={problem} extra={unshownErrors(problem, shown)} />
      {errors.items ? <p className="field__error">{errors.items}</p> : null}
      <div className="rowset">
        {form.items.map((item, i) => (
          <RxItemRow
            key={item.key}
            item={item}
            index={i}
            errors={errors}
            onChange={(k, v) => updateItem(item.key, k, v)}
            onRemove={form.items.length > 1 ? () => setForm((f) => ({ ...f, items: f.items.filter((r) => r.key !== item.key) })) : undefined}
          />
        ))}
      </div>
      {form.items.length < RX_MAX_ITEMS ? (
        <div>
          <button type="button" className="button button--secondary button--small" onClick={() => setForm((f) => ({ ...f, items: [...f.items, emptyRxItem()] }))}>
            Add a medicine
          </button>
        </div>
      ) : null}
      <TextAreaField label="Advice (optional)" name="advice" maxLength={4000} value={form.advice} onChange={(e) => setForm((f) => ({ ...f, advice: e.target.value }))} error={errors.advice} />
      <Field label="Follow-up (optional)" name="follow_up" placeholder="in 2 weeks" maxLength={200} value={form.follow_up} onChange={(e) => setForm((f) => ({ ...f, follow_up: e.target.value }))} error={errors.follow_up} />
      <p className="muted">Once issued, the prescription is signed and cannot be changed.</p>
      <div className="row">
        <SubmitButton busy={busy} busyLabel="Issuing…">
          Issue prescription
        </SubmitButton>
      </div>
    </form>
  );
}

function RxItemRow({
  item,
  index,
  errors,
  onChange,
  onRemove,
}: {
  item: RxItemForm;
  index: number;
  errors: Record<string, string>;
  onChange: (k: RxItemField, v: string) => void;
  onRemove?: () => void;
}) {
  const listId = useId();
  const input = (k: RxItemField) => (
    <Field
      label={RX_REQUIRED.includes(k) ? RX_LABELS[k] : `${RX_LABELS[k]} (optional)`}
      name={`rx_${k}`}
      maxLength={RX_LIMITS[k]}
      list={RX_SUGGESTIONS[k] ? `${listId}-${k}` : undefined}
      value={item[k]}
      onChange={(e) => onChange(k, e.target.value)}
      error={errors[`items.${index}.${k}`]}
    />
  );
  return (
    <fieldset className="rowset__item rx-item" aria-label={`Medicine ${index + 1}`}>
      <legend>Medicine {index + 1}</legend>
      <div className="grid-4">
        <div className="span-2">{input('medicine')}</div>
        {input('strength')}
        {input('form')}
        {input('dose')}
        <div className="span-2">{input('frequency')}</div>
        {input('duration')}
        {input('route')}
        <div className="span-3">{input('instructions')}</div>
      </div>
      {(Object.keys(RX_SUGGESTIONS) as RxItemField[]).map((k) => (
        <datalist key={k} id={`${listId}-${k}`}>
          {RX_SUGGESTIONS[k]!.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ))}
      {onRemove ? (
        <div className="rowset__actions">
          <button type="button" className="button button--link" onClick={onRemove}>
            Remove medicine {index + 1}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
