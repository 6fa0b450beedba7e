// The latest prescriptions on a home page: each links to the prescription's page; `label` names the other party
// (the doctor for a patient, the patient for a doctor), `note` adds to the date (e.g. "for Aarav").
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../users';
import type { RecentPrescription } from './dashboardApi';

export function PrescriptionList({
  items,
  title,
  empty,
  label,
  note = () => '',
}: {
  items: RecentPrescription[];
  title: string;
  empty: string;
  label: (p: RecentPrescription) => string;
  note?: (p: RecentPrescription) => string;
}) {
  if (!items.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="dash-list" aria-label={title}>
      {items.map((p) => (
        <li key={p.id} data-testid="prescription">
          <Link to={`/prescriptions/${encodeURIComponent(p.id)}`}>{label(p)}</Link>
          <span className="muted">
            {formatDateTime(p.issued_at)}
            {note(p)}
          </span>
        </li>
      ))}
    </ul>
  );
}
