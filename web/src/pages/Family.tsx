import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { AppHeader, invalidateFamily, LoadProblem, PanelHead, useLoader } from '../components/account';
import { Field, Notice, ProblemAlert, SelectField, SubmitButton } from '../components/ui';
import {
  dependentBody,
  fieldErrors,
  formatDate,
  linkBody,
  relationshipLabel,
  RELATIONSHIP_OPTIONS,
  SEX_OPTIONS,
  todayIso,
  unshownErrors,
  validateDependent,
  validateLink,
  validationProblem,
  withFor,
  type ContactChannel,
  type DependentForm,
  type FamilyMember,
  type LinkForm,
} from '../users';
import { addFamilyMember, answerLink, listFamily, removeFamilyMember } from '../usersApi';

export default function Family() {
  const { data, problem: loadProblem, loading, reload } = useLoader((signal) => listFamily(null, signal), []);
  const [open, setOpen] = useState<'dependent' | 'link' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = data?.items ?? [];
  const incoming = items.filter((m) => m.direction === 'incoming' && m.status === 'pending');
  const dependents = items.filter((m) => m.kind === 'dependent' && m.status === 'active');
  const linked = items.filter((m) => m.kind !== 'dependent' && !(m.direction === 'incoming' && m.status === 'pending'));

  const done = (message: string) => {
    invalidateFamily();
    setNotice(message);
    setOpen(null);
    reload();
  };

  return (
    <>
      <AppHeader />
      <main className="page">
        <section className="panel" aria-labelledby="family-heading">
          <PanelHead id="family-heading" level={1} title="Family" />
          <p className="muted">
            Keep the records of a child or a parent who needs your help, and link your account with relatives who use
            Kiorex.
          </p>
          {notice ? <Notice tone="success">{notice}</Notice> : null}
          <div className="row">
            <button
              type="button"
              className={`button ${open === 'dependent' ? 'button--secondary' : 'button--primary'}`}
              aria-expanded={open === 'dependent'}
              onClick={() => {
                setOpen(open === 'dependent' ? null : 'dependent');
                setNotice(null);
              }}
            >
              Add a dependent
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={open === 'link'}
              onClick={() => {
                setOpen(open === 'link' ? null : 'link');
                setNotice(null);
              }}
            >
              Link an existing account
            </button>
          </div>
          {open === 'dependent' ? <DependentEditor onDone={done} onCancel={() => setOpen(null)} /> : null}
          {open === 'link' ? <LinkEditor onDone={done} onCancel={() => setOpen(null)} /> : null}
        </section>

        <LoadProblem problem={loadProblem} what="your family" />
        {loading && !data ? (
          <p className="muted" role="status">
            Loading…
          </p>
        ) : null}

        {incoming.length > 0 ? (
          <section className="panel" aria-labelledby="requests-heading">
            <h2 id="requests-heading">Requests for you</h2>
            <ul className="members">
              {incoming.map((m) => (
                <li key={m.link_id}>
                  <IncomingRequest member={m} onDone={done} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {data ? (
          <section className="panel" aria-labelledby="dependents-heading">
            <h2 id="dependents-heading">People you manage</h2>
            {dependents.length === 0 ? (
              <p className="empty">No dependents yet. Add a child or a parent whose care you look after.</p>
            ) : (
              <ul className="members">
                {dependents.map((m) => (
                  <li key={m.link_id}>
                    <MemberCard member={m} onDone={done} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}

        {data ? (
          <section className="panel" aria-labelledby="linked-heading">
            <h2 id="linked-heading">Linked accounts</h2>
            {linked.length === 0 ? (
              <p className="empty">No linked accounts. Link a relative’s own Kiorex account to see their records with their permission.</p>
            ) : (
              <ul className="members">
                {linked.map((m) => (
                  <li key={m.link_id}>
                    <MemberCard member={m} onDone={done} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </main>
    </>
  );
}

function statusText(m: FamilyMember): string | null {
  if (m.kind === 'dependent') return 'You manage their records';
  if (m.status === 'pending') return m.direction === 'outgoing' ? 'Waiting for them to accept' : 'Waiting for your answer';
  if (m.status === 'declined') return 'Declined';
  if (m.status === 'active') return "You can view each other's records";
  return m.status;
}

function MemberCard({ member: m, onDone }: { member: FamilyMember; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const canOpen = m.status === 'active' && (m.kind === 'dependent' ? m.direction !== 'incoming' : m.kind === 'linked');
  const isPendingOutgoing = m.status === 'pending' && m.direction === 'outgoing';
  const removeLabel = m.kind === 'dependent' ? 'Stop managing' : isPendingOutgoing ? 'Cancel request' : 'Remove link';

  const remove = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await removeFamilyMember(null, m.link_id);
      onDone(
        m.kind === 'dependent'
          ? `You no longer manage ${m.member.name}'s records. Their records stay with their own account.`
          : isPendingOutgoing
            ? 'Request cancelled.'
            : `The link with ${m.member.name} was removed.`,
      );
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };

  return (
    <article className="member" aria-label={m.member.name} data-testid="family-member">
      <div className="member__head">
        <div>
          <h3 className="member__name">{m.member.name}</h3>
          <p className="member__meta">
            <span className="badge badge--kind">{m.direction === 'incoming' ? 'Linked account' : relationshipLabel(m.relationship)}</span>
            <span className={`badge ${m.status === 'active' ? 'badge--ok' : m.status === 'declined' ? 'badge--muted' : 'badge--warn'}`}>
              {statusText(m)}
            </span>
          </p>
          {m.created_at ? <p className="muted">Since {formatDate(m.created_at)}</p> : null}
        </div>
        {!confirming ? (
          <button type="button" className="button button--ghost-danger button--small" onClick={() => setConfirming(true)} aria-label={`${removeLabel}: ${m.member.name}`}>
            {removeLabel}
          </button>
        ) : null}
      </div>
      {canOpen ? (
        <nav className="member__links" aria-label={`${m.member.name}'s records`}>
          <Link to={withFor('/profile', m.member.id)}>Profile</Link>
          <Link to={withFor('/medical-history', m.member.id)}>Medical history</Link>
          <Link to={withFor('/emergency-contacts', m.member.id)}>Emergency contacts</Link>
          {m.kind === 'dependent' ? <Link to={withFor('/privacy', m.member.id)}>Privacy</Link> : null}
        </nav>
      ) : null}
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm: ${removeLabel}`}>
          <p>
            {m.kind === 'dependent'
              ? `Stop managing ${m.member.name}'s records? Their records are not deleted: they stay with their own account.`
              : isPendingOutgoing
                ? `Cancel your request to ${m.member.name}?`
                : `Remove the link with ${m.member.name}? Neither of you will see the other's records any more.`}
          </p>
          <div className="row">
            <button type="button" className="button button--danger button--small" onClick={remove} disabled={busy}>
              {busy ? 'Removing…' : `Yes, ${removeLabel.toLowerCase()}`}
            </button>
            <button type="button" className="button button--link" onClick={() => setConfirming(false)} disabled={busy}>
              No, keep
            </button>
          </div>
        </div>
      ) : null}
      <ProblemAlert problem={problem} />
    </article>
  );
}

function IncomingRequest({ member: m, onDone }: { member: FamilyMember; onDone: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const answer = async (a: 'accept' | 'decline') => {
    setBusy(true);
    setProblem(null);
    try {
      await answerLink(null, m.link_id, a);
      onDone(
        a === 'accept'
          ? `You and ${m.member.name} can now see each other's profile, medical history and emergency contacts.`
          : `You declined ${m.member.name}'s request.`,
      );
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };
  return (
    <article className="member" aria-label={`Request from ${m.member.name}`} data-testid="family-request">
      <h3 className="member__name">{m.member.name}</h3>
      <p>
        Asks to link your accounts, and described you as their <strong>{relationshipLabel(m.relationship).toLowerCase()}</strong>.
        If you accept, you can see each other’s profile, medical history and emergency contacts. Neither of you can
        change the other’s records.
      </p>
      <div className="row">
        <button type="button" className="button button--primary button--small" onClick={() => answer('accept')} disabled={busy}>
          Accept
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => answer('decline')} disabled={busy}>
          Decline
        </button>
      </div>
      <ProblemAlert problem={problem} />
    </article>
  );
}

const DEPENDENT_FIELDS = ['name', 'relationship', 'date_of_birth', 'sex'];

function DependentEditor({ onDone, onCancel }: { onDone: (message: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState<DependentForm>({ name: '', relationship: 'child', date_of_birth: '', sex: '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const set = (k: keyof DependentForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateDependent(form));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      await addFamilyMember(null, dependentBody(form));
      onDone(`${form.name.trim()} was added. You can now keep their profile and medical history.`);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };

  return (
    <div className="editor">
      <h2>Add a dependent</h2>
      <p className="muted">For a child, or an elderly parent who does not use Kiorex themselves. You will manage their records.</p>
      <form onSubmit={submit} noValidate aria-label="Add a dependent">
        <ProblemAlert problem={problem} extra={unshownErrors(problem, DEPENDENT_FIELDS)} />
        <Field label="Their full name" name="name" required value={form.name} onChange={set('name')} error={errors.name} />
        <div className="grid-2">
          <SelectField label="They are your" name="relationship" value={form.relationship} onChange={set('relationship')} error={errors.relationship}>
            {RELATIONSHIP_OPTIONS.filter((r) => r.value !== 'spouse').map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
          <Field
            label="Their date of birth"
            name="date_of_birth"
            type="date"
            max={todayIso()}
            value={form.date_of_birth}
            onChange={set('date_of_birth')}
            error={errors.date_of_birth}
          />
          <SelectField label="Their sex" name="sex" value={form.sex} onChange={set('sex')} error={errors.sex}>
            <option value="">Not set</option>
            {SEX_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="row">
          <SubmitButton busy={busy} busyLabel="Adding…">
            Add dependent
          </SubmitButton>
          <button type="button" className="button button--link" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function LinkEditor({ onDone, onCancel }: { onDone: (message: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState<LinkForm>({ channel: 'email', address: '', relationship: 'spouse' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validationProblem(validateLink(form));
    setProblem(invalid);
    if (invalid) return;
    setBusy(true);
    try {
      await addFamilyMember(null, linkBody(form));
      onDone(`Request sent. If ${form.address.trim()} belongs to a Kiorex account, they will be asked to accept.`);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  };

  const setChannel = (channel: ContactChannel) => {
    setForm((f) => ({ ...f, channel, address: '' }));
    setProblem(null);
  };

  return (
    <div className="editor">
      <h2>Link an existing account</h2>
      <p className="muted">They get a message and choose whether to accept. Once they accept, you can view their records.</p>
      <form onSubmit={submit} noValidate aria-label="Link an existing account">
        <ProblemAlert problem={problem} extra={unshownErrors(problem, ['email', 'phone', 'relationship'])} />
        <fieldset className="segmented">
          <legend>Find them by</legend>
          <label>
            <input type="radio" name="channel" value="email" checked={form.channel === 'email'} onChange={() => setChannel('email')} /> Email
          </label>
          <label>
            <input type="radio" name="channel" value="phone" checked={form.channel === 'phone'} onChange={() => setChannel('phone')} /> Phone
          </label>
        </fieldset>
        {form.channel === 'email' ? (
          <Field
            label="Their email"
            name="email"
            type="email"
            autoComplete="off"
            required
            value={form.address}
            onChange={(e) => setForm((f) => ({ ...f, address: e.target.value }))}
            error={errors.email}
          />
        ) : (
          <Field
            label="Their phone number"
            name="phone"
            type="tel"
            autoComplete="off"
            hint="With country code, for example +91 98765 43210."
            required
            value={form.address}
            onChange={(e) => setForm((f) => ({ ...f, address: e.target.value }))}
            error={errors.phone}
          />
        )}
        <SelectField
          label="They are your"
          name="relationship"
          value={form.relationship}
          onChange={(e) => setForm((f) => ({ ...f, relationship: e.target.value }))}
          error={errors.relationship}
        >
          {RELATIONSHIP_OPTIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <div className="row">
          <SubmitButton busy={busy} busyLabel="Sending…">
            Send request
          </SubmitButton>
          <button type="button" className="button button--link" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
