import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { useAuth } from '../auth';
import { AppHeader, LoadProblem, MemberSwitcher, PanelHead, saveDownload, useLoader, useSubject, type Subject } from '../components/account';
import { Field, Notice, ProblemAlert } from '../components/ui';
import {
  appendPage,
  basisLabel,
  CONSENT_PURPOSES,
  CONSENT_TEXT_VERSION,
  CONSENT_TEXTS,
  consentTitle,
  describeAccess,
  ERASE_CONFIRMATION,
  erasureConfirmed,
  formatDate,
  formatDateTime,
  isDependentsProblem,
  isGranted,
  isRefused,
  nextCursor,
  sortHistory,
  type AccessLogEntry,
  type ConsentPurpose,
  type Consents,
} from '../users';
import { downloadExport, eraseAccount, getAccessLog, getConsents, setConsent } from '../usersApi';

const LOG_PAGE = 20;

export default function Privacy() {
  const subject = useSubject();
  const whose = subject.isSelf ? null : (subject.name ?? 'this person');
  return (
    <>
      <AppHeader />
      <main className="page">
        <MemberSwitcher subject={subject} />
        <header className="page__intro">
          <h1>{whose ? `${whose}'s privacy` : 'Privacy and your data'}</h1>
          <p className="muted">Choose how the data may be used, see who looked at it, take a copy, or delete the account.</p>
        </header>
        {subject.member?.kind === 'linked' ? (
          // A linked relative reads profile, history and emergency contacts, never someone else's privacy choices.
          <section className="panel">
            <p>Only {whose} can see and change their consents, access log and data downloads.</p>
          </section>
        ) : (
          <>
            <ConsentsSection subject={subject} />
            <AccessLogSection subject={subject} />
            <ExportSection subject={subject} />
            {subject.isSelf ? <EraseSection /> : null}
          </>
        )}
      </main>
    </>
  );
}

function ConsentsSection({ subject }: { subject: Subject }) {
  const { forId } = subject;
  const { data, setData, problem: loadProblem, loading } = useLoader((signal) => getConsents(forId, signal), [forId]);
  const history = sortHistory(data?.history ?? []);
  return (
    <section className="panel" aria-labelledby="consents-heading">
      <h2 id="consents-heading">Consents</h2>
      <p className="muted">You can change each choice at any time. Every change is recorded below.</p>
      <LoadProblem problem={loadProblem} what="the consents" />
      {loading && !data ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : null}
      {data ? (
        <ul className="consents">
          {CONSENT_PURPOSES.map((p) => (
            <li key={p}>
              <ConsentSwitch purpose={p} consents={data} forId={forId} canWrite={subject.canWrite} onChange={setData} />
            </li>
          ))}
        </ul>
      ) : null}
      {data ? (
        <>
          <h3 id="consent-history-heading">History</h3>
          {history.length === 0 ? (
            <p className="empty">No choices recorded yet.</p>
          ) : (
            <ol className="log" aria-labelledby="consent-history-heading" data-testid="consent-history">
              {history.map((h, i) => (
                <li key={`${h.at}-${h.purpose}-${i}`} className="log__item">
                  <p className="log__what">
                    <span className={`badge ${h.granted ? 'badge--ok' : 'badge--muted'}`}>{h.granted ? 'Given' : 'Withdrawn'}</span>{' '}
                    {consentTitle(h.purpose)}
                  </p>
                  <p className="log__meta">
                    <time dateTime={h.at}>{formatDateTime(h.at)}</time> · text version {h.text_version}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}

function ConsentSwitch({
  purpose,
  consents,
  forId,
  canWrite,
  onChange,
}: {
  purpose: ConsentPurpose;
  consents: Consents;
  forId: string | null;
  canWrite: boolean;
  onChange: (c: Consents) => void;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const current = consents.current?.[purpose] ?? null;
  const granted = isGranted(consents, purpose);
  const text = CONSENT_TEXTS[purpose];

  const toggle = async () => {
    setBusy(true);
    setProblem(null);
    try {
      onChange(await setConsent(forId, { purpose, granted: !granted, text_version: CONSENT_TEXT_VERSION }));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="consent" data-testid={`consent-${purpose}`}>
      <div className="consent__row">
        <label htmlFor={id} className="consent__title">
          {text.title}
        </label>
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={granted}
          disabled={busy || !canWrite}
          aria-describedby={`${id}-text ${id}-state${problem ? ` ${id}-error` : ''}`}
          onChange={toggle}
        />
      </div>
      <p id={`${id}-text`} className="consent__text">
        {text.text}
      </p>
      <p id={`${id}-state`} className="consent__state muted">
        {current ? (
          <>
            {granted ? 'Given' : 'Withdrawn'} on {formatDate(current.at)} · text version {current.text_version}
          </>
        ) : (
          <>Not given · text version {CONSENT_TEXT_VERSION}</>
        )}
      </p>
      {problem ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {problem.detail ?? problem.title}
        </p>
      ) : null}
    </div>
  );
}

function AccessLogSection({ subject }: { subject: Subject }) {
  const { forId } = subject;
  const { user } = useAuth();
  const [items, setItems] = useState<AccessLogEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setProblem(null);
    getAccessLog(forId, { limit: LOG_PAGE }, ac.signal)
      .then((page) => {
        setItems(page.items ?? []);
        setCursor(nextCursor(page));
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setProblem(toProblem(err));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [forId]);

  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const page = await getAccessLog(forId, { limit: LOG_PAGE, cursor });
      setItems((list) => appendPage(list, page.items ?? [], (e) => `${e.request_id ?? ''}|${e.at}|${e.action}|${e.what}`));
      setCursor(nextCursor(page));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setMore(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="access-heading">
      <h2 id="access-heading">Who accessed the data</h2>
      <p className="muted">Every time someone reads or changes the records — you, family, care providers or our support team — it is logged here.</p>
      <LoadProblem problem={problem} what="the access log" />
      {loading ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : null}
      {!loading && !problem && items.length === 0 ? <p className="empty">Nobody has accessed the data yet.</p> : null}
      {items.length > 0 ? (
        <ol className="log" aria-labelledby="access-heading" data-testid="access-log">
          {items.map((e, i) => (
            <li key={`${e.request_id ?? ''}-${e.at}-${i}`} className="log__item">
              <p className="log__what">
                {describeAccess(e)}
                {isRefused(e) ? <span className="badge badge--danger">refused</span> : null}
              </p>
              <p className="log__meta">
                <span>
                  {e.actor?.id && e.actor.id === user?.id
                    ? 'by you'
                    : `by ${e.actor?.name ?? 'someone'}${e.actor?.role ? ` (${e.actor.role})` : ''}`}
                </span>{' '}
                · <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                {e.basis && e.basis !== 'self' ? <> · {basisLabel(e.basis)}</> : null}
              </p>
              {e.reason ? <p className="log__reason">Reason given: {e.reason}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {cursor && !loading ? (
        <div className="more">
          <button type="button" className="button button--secondary" onClick={loadMore} disabled={more} aria-busy={more || undefined}>
            {more ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function ExportSection({ subject }: { subject: Subject }) {
  const [busy, setBusy] = useState<'json' | 'pdf' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const download = async (format: 'json' | 'pdf') => {
    setBusy(format);
    setProblem(null);
    setDone(null);
    try {
      const d = await downloadExport(subject.forId, format);
      const fallback = `kiorex-export-${subject.forId ?? 'me'}.${format}`;
      saveDownload(d, fallback);
      setDone(`Your download has started (${d.filename ?? fallback}).`);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Download my data</h2>
      <p>
        A copy of everything Kiorex keeps: profile, medical history, family, emergency contacts, consents, consultations
        (bookings and their reasons, the doctor’s plan, prescriptions, chat, ratings), sign-ins and the access log. JSON
        is for moving to another service; PDF is for reading and printing.
      </p>
      <ProblemAlert problem={problem} />
      {done ? <Notice tone="success">{done}</Notice> : null}
      <div className="row">
        <button type="button" className="button button--primary" onClick={() => download('json')} disabled={busy !== null} aria-busy={busy === 'json' || undefined}>
          {busy === 'json' ? 'Preparing…' : 'Download JSON'}
        </button>
        <button type="button" className="button button--secondary" onClick={() => download('pdf')} disabled={busy !== null} aria-busy={busy === 'pdf' || undefined}>
          {busy === 'pdf' ? 'Preparing…' : 'Download PDF'}
        </button>
      </div>
      <p className="muted">The file holds health information: keep it somewhere safe.</p>
    </section>
  );
}

function EraseSection() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Set when the server answered that dependents would be left with no guardian: its detail names them, and
  // the person must tick the box before their accounts are erased too.
  const [dependents, setDependents] = useState<Problem | null>(null);
  const [eraseDependents, setEraseDependents] = useState(false);
  const confirmed = erasureConfirmed(typed) && (!dependents || eraseDependents);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!erasureConfirmed(typed)) {
      setProblem({
        type: 'about:blank',
        title: `Type ${ERASE_CONFIRMATION} to confirm.`,
        status: 422,
        errors: [{ field: 'confirm', message: `Type ${ERASE_CONFIRMATION} in capital letters to confirm.` }],
      });
      return;
    }
    if (!confirmed) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await eraseAccount(null, ERASE_CONFIRMATION, eraseDependents);
      // The server has ended every session. The next page shows what was kept and forgets this tab's session
      // (forgetting it here would send this signed-in page to /signin before the navigation lands).
      navigate('/account-deleted', { replace: true, state: { kept: r.kept ?? [], erased: r.erased ?? [] } });
    } catch (err) {
      const p = toProblem(err);
      if (isDependentsProblem(p)) setDependents(p);
      else setProblem(p);
      setBusy(false);
    }
  };

  const cancel = () => {
    setOpen(false);
    setTyped('');
    setProblem(null);
    setDependents(null);
    setEraseDependents(false);
  };

  return (
    <section className="panel panel--danger" aria-labelledby="erase-heading">
      <PanelHead id="erase-heading" title="Delete my account" />
      <p>
        Your profile, medical history, family links, emergency contacts and consents are deleted and can’t be recovered.
        You are signed out everywhere. Records the law requires us to keep (such as the access log and payment records)
        are kept without your name or contact details.
      </p>
      <p>
        Family members you manage (dependents) whom nobody else manages would be left without a guardian: their
        accounts are deleted with yours, and you are asked to confirm that first. Linked relatives keep their own
        accounts.
      </p>
      {!open ? (
        <button type="button" className="button button--ghost-danger" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Delete my account">
          <ProblemAlert problem={problem && problem.errors?.some((x) => x.field === 'confirm') ? null : problem} />
          {dependents ? (
            <div className="alert alert--warning" role="alert" data-testid="erase-dependents">
              <p>
                <strong>Your dependents’ accounts would be deleted too.</strong> {dependents.detail}
              </p>
              <label className="checkbox">
                <input type="checkbox" checked={eraseDependents} onChange={(e) => setEraseDependents(e.target.checked)} />{' '}
                Also delete the accounts of the dependents only I manage
              </label>
            </div>
          ) : null}
          <Field
            label={`Type ${ERASE_CONFIRMATION} to confirm`}
            name="confirm"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            error={problem?.errors?.find((x) => x.field === 'confirm')?.message}
          />
          <div className="row">
            <button type="submit" className="button button--danger" disabled={busy || !confirmed} aria-busy={busy || undefined}>
              {busy ? 'Deleting…' : dependents ? 'Delete my account and theirs' : 'Delete my account'}
            </button>
            <button type="button" className="button button--link" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
