import { useId, useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../api';
import { AppHeader, LoadProblem, MemberSwitcher, PanelHead, useLoader, useSubject } from '../components/account';
import { Field, Notice, ProblemAlert, SelectField, SubmitButton, TextAreaField } from '../components/ui';
import {
  contactBody,
  contactToForm,
  emptyContactForm,
  etagFromVersion,
  fieldErrors,
  isPreconditionFailed,
  sortContacts,
  unshownErrors,
  validateContact,
  validationProblem,
  type ContactForm,
  type EmergencyContact,
  type EmergencyContactInput,
} from '../users';
import { createEmergencyContact, deleteEmergencyContact, listEmergencyContacts, updateEmergencyContact } from '../usersApi';

const CONTACT_FIELDS = ['name', 'relationship', 'phone', 'email', 'notes', 'priority'];
const RELATIONSHIP_SUGGESTIONS = ['spouse', 'partner', 'parent', 'child', 'sibling', 'friend', 'neighbour', 'caregiver'];

export default function EmergencyContacts() {
  const subject = useSubject();
  const { forId } = subject;
  const { data, setData, problem: loadProblem, loading, reload } = useLoader((signal) => listEmergencyContacts(forId, signal), [forId]);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const contacts = sortContacts(data?.items ?? []);
  const nextPriority = Math.min(10, contacts.reduce((m, c) => Math.max(m, c.priority ?? 0), 0) + 1);
  const whose = subject.isSelf ? null : (subject.name ?? 'this person');

  const replace = (c: EmergencyContact) =>
    setData((d) => ({ items: [...(d?.items ?? []).filter((x) => x.id !== c.id), c] }));

  return (
    <>
      <AppHeader />
      <main className="page">
        <MemberSwitcher subject={subject} />
        <section className="panel" aria-labelledby="contacts-heading">
          <PanelHead id="contacts-heading" level={1} title={whose ? `${whose}'s emergency contacts` : 'Emergency contacts'}>
            {subject.canWrite && !adding ? (
              <button
                type="button"
                className="button button--primary button--small"
                onClick={() => {
                  setAdding(true);
                  setNotice(null);
                }}
              >
                Add contact
              </button>
            ) : null}
          </PanelHead>
          <p className="muted">People we and your care team can call if something happens to you. Priority 1 is called first.</p>
          {conflict ? (
            <div className="alert alert--warning" role="alert">
              <p>This contact was changed on another device. We loaded the latest version: please check it and make your change again.</p>
            </div>
          ) : null}
          {notice ? <Notice tone="success">{notice}</Notice> : null}
          {adding ? (
            <div className="editor">
              <h2>New emergency contact</h2>
              <ContactEditor
                initial={emptyContactForm(nextPriority)}
                submitLabel="Save contact"
                onCancel={() => setAdding(false)}
                onSubmit={async (body) => {
                  const c = await createEmergencyContact(forId, body);
                  replace(c);
                  setAdding(false);
                  setNotice(`Added ${c.name}.`);
                }}
              />
            </div>
          ) : null}
          <LoadProblem problem={loadProblem} what="these emergency contacts" />
          {loading && !data ? (
            <p className="muted" role="status">
              Loading…
            </p>
          ) : null}
          {data && contacts.length === 0 && !adding ? <p className="empty">No emergency contacts yet.</p> : null}
          {contacts.length > 0 ? (
            <ul className="members">
              {contacts.map((c) => (
                <li key={c.id}>
                  <ContactCard
                    contact={c}
                    canWrite={subject.canWrite}
                    onSave={async (body) => {
                      try {
                        const r = await updateEmergencyContact(forId, c.id, etagFromVersion(c.version), body);
                        replace(r.data);
                        setConflict(false);
                        setNotice(`Saved ${r.data.name}.`);
                      } catch (err) {
                        if (isPreconditionFailed(toProblem(err))) {
                          setConflict(true);
                          setNotice(null);
                          reload();
                          return;
                        }
                        throw err;
                      }
                    }}
                    onDelete={async () => {
                      await deleteEmergencyContact(forId, c.id);
                      setData((d) => ({ items: (d?.items ?? []).filter((x) => x.id !== c.id) }));
                      setNotice(`Removed ${c.name}.`);
                    }}
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </main>
    </>
  );
}

function ContactCard({
  contact: c,
  canWrite,
  onSave,
  onDelete,
}: {
  contact: EmergencyContact;
  canWrite: boolean;
  onSave: (body: EmergencyContactInput) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  if (editing) {
    return (
      <div className="editor" aria-labelledby={headingId}>
        <h3 id={headingId}>Edit {c.name}</h3>
        <ContactEditor
          key={c.version}
          initial={contactToForm(c)}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            await onSave(body);
            setEditing(false);
          }}
        />
      </div>
    );
  }

  return (
    <article className="member" aria-labelledby={headingId} data-testid="emergency-contact">
      <div className="member__head">
        <div>
          <h3 id={headingId} className="member__name">
            {c.name}
          </h3>
          <p className="member__meta">
            <span className={`badge ${c.priority === 1 ? 'badge--ok' : 'badge--kind'}`}>Priority {c.priority}</span>
            {c.relationship ? <span className="badge badge--muted">{c.relationship}</span> : null}
          </p>
        </div>
        {canWrite && !confirming ? (
          <div className="entry__actions">
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)} aria-label={`Edit ${c.name}`}>
              Edit
            </button>
            <button type="button" className="button button--ghost-danger button--small" onClick={() => setConfirming(true)} aria-label={`Delete ${c.name}`}>
              Delete
            </button>
          </div>
        ) : null}
      </div>
      <dl className="facts facts--compact">
        <div>
          <dt>Phone</dt>
          <dd>
            <a href={`tel:${c.phone}`}>{c.phone}</a>
          </dd>
        </div>
        {c.email ? (
          <div>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </dd>
          </div>
        ) : null}
        {c.notes ? (
          <div className="facts__wide">
            <dt>Notes</dt>
            <dd className="prewrap">{c.notes}</dd>
          </div>
        ) : null}
      </dl>
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm deleting ${c.name}`}>
          <p>Remove {c.name} from your emergency contacts?</p>
          <div className="row">
            <button
              type="button"
              className="button button--danger button--small"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setProblem(null);
                try {
                  await onDelete();
                } catch (err) {
                  setProblem(toProblem(err));
                  setBusy(false);
                }
              }}
            >
              {busy ? 'Removing…' : 'Yes, remove'}
            </button>
            <button type="button" className="button button--link" onClick={() => setConfirming(false)} disabled={busy}>
              Keep
            </button>
          </div>
        </div>
      ) : null}
      <ProblemAlert problem={problem} />
    </article>
  );
}

function ContactEditor({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: ContactForm;
  submitLabel: string;
  onSubmit: (body: EmergencyContactInput) => Promise<void>;
  onCancel: () => void;
}) {
  const listId = useId();
  const [form, setForm] = useState<ContactForm>(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const set = (k: keyof ContactForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateContact(form));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      await onSubmit(contactBody(form));
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel === 'Save contact' ? 'New emergency contact' : 'Edit emergency contact'}>
      <ProblemAlert problem={problem} extra={unshownErrors(problem, CONTACT_FIELDS)} />
      <Field label="Name" name="name" autoComplete="off" required maxLength={120} value={form.name} onChange={set('name')} error={errors.name} />
      <div className="grid-2">
        <div>
          <Field
            label="Relationship"
            name="relationship"
            autoComplete="off"
            required
            hint="For example: spouse, daughter."
            list={listId}
            value={form.relationship}
            onChange={set('relationship')}
            error={errors.relationship}
          />
          <datalist id={listId}>
            {RELATIONSHIP_SUGGESTIONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
        <SelectField label="Priority" name="priority" hint="1 is called first." value={form.priority} onChange={set('priority')} error={errors.priority}>
          {Array.from({ length: 10 }, (_, i) => String(i + 1)).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </SelectField>
        <Field
          label="Phone"
          name="phone"
          type="tel"
          autoComplete="off"
          required
          hint="With country code: +91 98123 45678."
          value={form.phone}
          onChange={set('phone')}
          error={errors.phone}
        />
        <Field
          label="Email (optional)"
          name="email"
          type="email"
          autoComplete="off"
          hint="If we can't reach them by phone."
          value={form.email}
          onChange={set('email')}
          error={errors.email}
        />
      </div>
      <TextAreaField
        label="Notes (optional)"
        name="notes"
        hint="For example: speaks Marathi, call after 6 pm."
        maxLength={1000}
        value={form.notes}
        onChange={set('notes')}
        error={errors.notes}
      />
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
