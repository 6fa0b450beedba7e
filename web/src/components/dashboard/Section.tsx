// A dashboard card: a heading, an optional "see all" link, and its body (loading, problem or content).
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Problem } from '../../api';
import { LoadProblem } from '../account';
import { Loading } from '../pageParts';

export function DashSection({
  id,
  title,
  allTo,
  allLabel = 'See all',
  loading = false,
  problem = null,
  what,
  className = '',
  children,
}: {
  id: string;
  title: string;
  allTo?: string;
  allLabel?: string;
  loading?: boolean;
  problem?: Problem | null;
  what?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={`panel ${className}`} aria-labelledby={`${id}-heading`} data-testid={id}>
      <div className="panel__head">
        <h2 id={`${id}-heading`}>{title}</h2>
        {allTo ? (
          <div className="panel__actions">
            <Link to={allTo}>{allLabel}</Link>
          </div>
        ) : null}
      </div>
      <LoadProblem problem={problem} what={what ?? title.toLowerCase()} />
      <Loading show={loading} />
      {loading || problem ? null : children}
    </section>
  );
}
