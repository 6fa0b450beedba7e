// Scaffolding the doctor's and the admin's pages share (Appointments, ProviderQueue, PracticeProfile, Schedule):
// the first-load status line, "Load more" for a paged list, and the reload after a version conflict.
import { useState } from 'react';
import { toProblem, type Problem } from '../api';
import { ProblemAlert } from './ui';

/** "Loading…" while the page's first load runs. */
export function Loading({ show }: { show: boolean }) {
  return show ? (
    <p className="muted" role="status">
      Loading…
    </p>
  ) : null;
}

/** The next page of a list: `next` fetches and merges it (null when there is none); `problem` when it failed. */
export function useLoadMore(next: (() => Promise<void>) | null) {
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const loadMore = async () => {
    if (!next) return;
    setMore(true);
    setProblem(null);
    try {
      await next();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setMore(false);
    }
  };
  return { more, problem, loadMore };
}

/** The "Load more" button (while there is a next page) and the problem of the last attempt. */
export function LoadMore({ show, more, problem, onClick }: { show: boolean; more: boolean; problem: Problem | null; onClick: () => void }) {
  return (
    <>
      <ProblemAlert problem={problem} />
      {show ? (
        <div className="more">
          <button type="button" className="button button--secondary" onClick={onClick} disabled={more} aria-busy={more || undefined}>
            {more ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** After a save answered 409: `reload` fetches the latest version, then the conflict message is shown. */
export function useConflictReload(reload: () => Promise<void>) {
  const [conflict, setConflict] = useState(false);
  const reloadAfterConflict = async () => {
    try {
      await reload();
    } finally {
      setConflict(true);
    }
  };
  return { conflict, setConflict, reloadAfterConflict };
}

export function ConflictAlert({ show, message }: { show: boolean; message: string }) {
  return show ? (
    <div className="alert alert--warning" role="alert">
      <p>{message}</p>
    </div>
  ) : null;
}
