// The full profile of a provider as the reviewer sees it before deciding (GET /v1/admin/providers/{id}):
// contacts, about, qualifications, registration, specialties, languages, consultation types and fees, clinics.
import { languageName } from '../../consultations';
import { formatMoney, type PracticeLocation, type Qualification } from '../../practice';
import { useLoader } from '../account';
import { getProviderPreview } from './dashboardApi';
import { LoadProblem } from '../account';
import { Loading } from '../pageParts';

export function qualificationText(q: Qualification): string {
  return [q.degree, q.institution, q.year ? String(q.year) : ''].filter(Boolean).join(', ');
}

function addressText(l: PracticeLocation): string {
  const a = l.address ?? {};
  return [a.line1, a.line2, a.city, a.region, a.postal_code, a.country].filter(Boolean).join(', ');
}

export function ProviderPreview({ id, specialtyNames }: { id: string; specialtyNames: Map<string, string> }) {
  const { data: p, problem, loading } = useLoader((signal) => getProviderPreview(id, signal), [id]);
  if (loading && !p) return <Loading show />;
  if (problem || !p) return <LoadProblem problem={problem} what="this provider's profile" />;
  const types = Object.entries(p.consultation_types ?? {});
  return (
    <div className="provider-preview" data-testid="provider-preview">
      <dl className="facts facts--compact">
        <div>
          <dt>Phone</dt>
          <dd>{p.phone ?? '—'}</dd>
        </div>
        <div>
          <dt>Gender</dt>
          <dd>{p.gender ?? '—'}</dd>
        </div>
        <div>
          <dt>Experience</dt>
          <dd>{p.experience_years != null ? `${p.experience_years} years` : '—'}</dd>
        </div>
        <div>
          <dt>Languages</dt>
          <dd>{p.languages.map((l) => languageName(l)).join(', ') || '—'}</dd>
        </div>
        <div className="facts__wide">
          <dt>About</dt>
          <dd data-testid="preview-bio">{p.bio || '—'}</dd>
        </div>
        <div className="facts__wide">
          <dt>Specialties</dt>
          <dd>{p.specialties.map((s) => specialtyNames.get(s) ?? s).join(', ') || '—'}</dd>
        </div>
        <div className="facts__wide">
          <dt>Conditions treated</dt>
          <dd>{p.conditions.join(', ') || '—'}</dd>
        </div>
        <div className="facts__wide">
          <dt>Consultations</dt>
          <dd>{types.map(([t, v]) => `${t === 'video' ? 'Video' : 'In clinic'} ${formatMoney(v?.fee)}`).join(' · ') || '—'}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{p.time_zone || '—'}</dd>
        </div>
      </dl>
      <h3>Clinics</h3>
      {p.locations.length ? (
        <ul className="dash-list" aria-label="Clinics">
          {p.locations.map((l) => (
            <li key={l.id ?? l.name} data-testid="preview-clinic">
              <strong>{l.name}</strong>
              <span className="muted">{addressText(l)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No clinic: video consultations only.</p>
      )}
    </div>
  );
}
