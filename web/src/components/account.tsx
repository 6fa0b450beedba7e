// Pieces shared by the signed-in pages: the header with the section navigation, the member switcher
// (`?for=<user id>`), data loading, and saving a downloaded file.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { problemMessage, toProblem, type Download, type Problem } from '../api';
import { useAuth } from '../auth';
import { canWriteFor, memberRelation, viewableMembers, withFor, type FamilyMember } from '../users';
import { listFamily } from '../usersApi';
import { AppNav } from '../nav/AppNav';
import { Notice } from './ui';

/**
 * The frame of the signed-in pages (menus, account menu, sign-out): now drawn by nav/AppNav from the navigation
 * registry. Kept under this name so the pages that render it need no change.
 */
export function AppHeader() {
  return <AppNav />;
}

export interface Subject {
  /** The user id from `?for=`, or null for the signed-in person. */
  forId: string | null;
  isSelf: boolean;
  /** The family link to the person shown, when it is one of the caller's. */
  member: FamilyMember | null;
  /** Everyone the caller may open (dependents, accepted links). */
  members: FamilyMember[];
  canWrite: boolean;
  /** The shown person's name when known. */
  name: string | null;
}

// The switcher's list of family members, shared by the pages for a minute: every page shows the switcher, and
// each read of the family is a PHI read the access log records. The family page drops it after a change.
const FAMILY_TTL_MS = 60_000;
let familyCache: { userId: string; at: number; items: Promise<FamilyMember[]> } | null = null;

function cachedFamily(userId: string): Promise<FamilyMember[]> {
  if (!familyCache || familyCache.userId !== userId || Date.now() - familyCache.at > FAMILY_TTL_MS) {
    const items = listFamily(null).then((r) => r.items ?? []);
    familyCache = { userId, at: Date.now(), items };
    items.catch(() => {
      if (familyCache?.items === items) familyCache = null;
    });
  }
  return familyCache.items;
}

/** Forgets the cached family list (after adding, answering or removing a family link). */
export function invalidateFamily(): void {
  familyCache = null;
}

/** Whose data the page shows: `?for=<user id>` (a dependent), else the signed-in person. */
export function useSubject(): Subject {
  const [params] = useSearchParams();
  const { user } = useAuth();
  const [members, setMembers] = useState<FamilyMember[]>([]);
  const raw = params.get('for')?.trim() || null;
  const isSelf = !raw || raw === user?.id;
  const forId = isSelf ? null : raw;

  useEffect(() => {
    if (!user?.id) return;
    let live = true;
    cachedFamily(user.id)
      .then((items) => live && setMembers(viewableMembers(items)))
      .catch(() => live && setMembers([]));
    return () => {
      live = false;
    };
  }, [user?.id]);

  const member = forId ? (members.find((m) => m.member.id === forId) ?? null) : null;
  return {
    forId,
    isSelf,
    member,
    members,
    canWrite: canWriteFor(forId, member),
    name: isSelf ? (user?.name ?? null) : (member?.member.name ?? null),
  };
}

/**
 * "Showing: Me / Aarav (child)" — lets a guardian open a dependent's records on the same page. Hidden when the
 * person has nobody to switch to.
 */
export function MemberSwitcher({ subject, fallbackName }: { subject: Subject; fallbackName?: string | null }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  if (subject.members.length === 0 && subject.isSelf) return null;
  const known = subject.forId ? subject.members.some((m) => m.member.id === subject.forId) : true;
  const shownName = subject.name ?? fallbackName ?? 'another person';

  return (
    <section className="switcher" aria-label="Whose records">
      <div className="switcher__row">
        <label htmlFor="member-switcher">Showing records of</label>
        <select
          id="member-switcher"
          value={subject.forId ?? ''}
          onChange={(e) => navigate(withFor(location.pathname, e.target.value || null))}
        >
          <option value="">Me{user ? ` (${user.name})` : ''}</option>
          {subject.members.map((m) => (
            <option key={m.link_id} value={m.member.id}>
              {m.member.name} ({memberRelation(m)})
            </option>
          ))}
          {!known && subject.forId ? <option value={subject.forId}>{shownName}</option> : null}
        </select>
      </div>
      {subject.forId ? (
        <p className="switcher__note" role="status">
          {subject.canWrite
            ? `You are managing ${shownName}'s records as their guardian.`
            : `You can view ${shownName}'s records; only they can change them.`}{' '}
          <Link to={location.pathname}>Back to my records</Link>
        </p>
      ) : null}
    </section>
  );
}

/** Loads data for a page; `reload()` runs the loader again. A failed load leaves a problem to show. */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setProblem(null);
    load(ac.signal)
      .then((d) => {
        if (!ac.signal.aborted) setData(d);
      })
      .catch((err: unknown) => {
        if (ac.signal.aborted || (err instanceof DOMException && err.name === 'AbortError')) return;
        setData(null);
        setProblem(toProblem(err));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, setData, problem, loading, reload };
}

/** The message for a page that could not load its data. */
export function LoadProblem({ problem, what }: { problem: Problem | null; what: string }) {
  if (!problem) return null;
  const text =
    problem.status === 404
      ? `We couldn't find ${what}, or you don't have access to it.`
      : problem.status === 403
        ? `You don't have access to ${what}.`
        : problemMessage(problem);
  return (
    <div className="alert alert--error" role="alert">
      <p>{text}</p>
    </div>
  );
}

/** A page heading with an optional action on the right. */
export function PanelHead({ id, title, level = 2, children }: { id: string; title: ReactNode; level?: 1 | 2; children?: ReactNode }) {
  const H = level === 1 ? 'h1' : 'h2';
  return (
    <div className="panel__head">
      <H id={id}>{title}</H>
      {children ? <div className="panel__actions">{children}</div> : null}
    </div>
  );
}

export function Saved({ message }: { message: string | null }) {
  return message ? <Notice tone="success">{message}</Notice> : null;
}

/** Hands a downloaded file to the browser as a download. */
export function saveDownload(d: Download, fallbackName: string): void {
  const url = URL.createObjectURL(d.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = d.filename ?? fallbackName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
