// Find a doctor: free text searched as you type, filters and facet counts, sort, "load more". The filters live in
// the URL, so a search can be shared and the back button returns to it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { useAuth } from '../auth';
import { AppHeader, LoadProblem, PanelHead, useLoader } from '../components/account';
import { useDocumentTitle } from '../components/documentTitle';
import { PublicHeader } from '../components/PublicHeader';
import { DoctorCard } from '../components/consult';
import { Field, SelectField } from '../components/ui';
import {
  activeFilterCount,
  browserTimeZone,
  comparesFees,
  FEE_CURRENCIES,
  feeCurrency,
  facetOptions,
  filtersFromParams,
  formatLatLng,
  fromMinorUnits,
  GENDERS,
  paramsFromFilters,
  parseLatLng,
  SORTS,
  toMinorUnits,
  withFilter,
  type DoctorSummary,
  type SearchFilters,
  type SearchKey,
  type SearchResult,
} from '../consultations';
import { listSpecialties, searchDoctors } from '../consultationsApi';
import { getProfile } from '../usersApi';
import { appendPage, nextCursor, todayIso } from '../users';

const PAGE = 20;
const TYPE_DELAY_MS = 250;

export default function FindDoctor() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const key = paramsFromFilters(filters).toString();
  const [text, setText] = useState(filters.q ?? '');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [items, setItems] = useState<DoctorSummary[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const specialties = useLoader((signal) => listSpecialties(signal), []);
  // Open on a wide screen; on a phone the list comes first and the filters open on demand.
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia?.('(min-width: 40rem)').matches ?? true);
  const tz = browserTimeZone();
  // Visitors search too (the search is public); signing in is asked for only when they book.
  const { status } = useAuth();
  useDocumentTitle(filters.q ? `Doctors for “${filters.q}”` : 'Find a doctor');

  // The currency fees are compared in: the one chosen (in the URL), else the profile country's, else the
  // browser's region's. It is written into the URL as soon as fees are compared, so it stays put after that.
  const profileCountry = useProfileCountry();
  const currency = feeCurrency(filters.currency, profileCountry, navigator.language);
  const withCurrency = (f: SearchFilters): SearchFilters => (comparesFees(f) && !f.currency ? { ...f, currency } : f);
  const update = (next: SearchFilters) => setParams(paramsFromFilters(withCurrency(next)), { replace: true });
  const set = (k: SearchKey, v: string | null | undefined) => update(withFilter(filters, k, v));

  // The URL's text wins when it changes from outside (back button); typing updates the URL after a pause.
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const typed = useRef<number | undefined>(undefined);
  const latest = useRef(filters);
  latest.current = filters;
  const onType = (v: string) => {
    setText(v);
    window.clearTimeout(typed.current);
    // The filters as they are when the pause ends (a filter changed meanwhile is kept).
    typed.current = window.setTimeout(() => update(withFilter(latest.current, 'q', v)), TYPE_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(typed.current), []);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setProblem(null);
    searchDoctors({ ...filters, currency }, { limit: PAGE, signal: ac.signal })
      .then((r) => {
        if (ac.signal.aborted) return;
        setResult(r);
        setItems(r.items ?? []);
      })
      .catch((err: unknown) => {
        if (ac.signal.aborted) return;
        setProblem(toProblem(err));
        setResult(null);
        setItems([]);
      })
      .finally(() => !ac.signal.aborted && setLoading(false));
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, currency]);

  const loadMore = async () => {
    const cursor = nextCursor(result);
    if (!cursor) return;
    setMore(true);
    try {
      const r = await searchDoctors({ ...filters, currency }, { limit: PAGE, cursor });
      setResult({ ...r, facets: result?.facets, total: result?.total });
      setItems((old) => appendPage(old, r.items ?? [], (d) => d.id));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setMore(false);
    }
  };

  const names = Object.fromEntries((specialties.data?.items ?? []).map((s) => [s.id, s.name]));
  const otherCurrencies = result?.fees_in?.doctors_in_other_currencies ?? 0;
  const count = activeFilterCount(filters);

  return (
    <>
      {status === 'signedIn' ? <AppHeader /> : <PublicHeader />}
      <main className="page page--wide">
        <section className="panel" aria-labelledby="find-heading">
          <PanelHead id="find-heading" level={1} title="Find a doctor" />
          <form role="search" className="search-box" onSubmit={(e) => e.preventDefault()}>
            <Field
              label="Search doctors"
              type="search"
              name="q"
              placeholder="Name, specialty, condition or clinic — e.g. dermatologist, acne, Delhi"
              autoComplete="off"
              value={text}
              onChange={(e) => onType(e.target.value)}
            />
          </form>
          <details className="disclosure filters-box" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
            <summary>Filters and sort{count > 0 ? ` (${count})` : ''}</summary>
            <Filters filters={filters} set={set} specialtyNames={names} result={result} currency={currency} />
          </details>
          <div className="row row--between">
            <p className="result-count" role="status" data-testid="result-count">
              {loading ? 'Searching…' : result ? `${result.total ?? items.length} doctor${(result.total ?? items.length) === 1 ? '' : 's'} found` : ''}
            </p>
            {count > 0 ? (
              <button type="button" className="button button--link" onClick={() => update(filters.q ? { q: filters.q } : {})}>
                Clear filters ({count})
              </button>
            ) : null}
          </div>
          {result?.fees_in && otherCurrencies > 0 ? (
            <p className="muted" data-testid="fees-note">
              Fees compared in {result.fees_in.currency}: {otherCurrencies} doctor{otherCurrencies === 1 ? '' : 's'} charging in other
              currencies {otherCurrencies === 1 ? 'is' : 'are'} not shown.
            </p>
          ) : null}
          <Facets filters={filters} set={set} result={result} names={names} />
        </section>

        <LoadProblem problem={problem} what="doctors" />
        {!loading && result && items.length === 0 ? (
          <p className="empty panel" data-testid="no-results">
            No doctors match. Try fewer filters or another spelling.
          </p>
        ) : null}
        <ul className="results" aria-label="Doctors" aria-busy={loading || undefined}>
          {items.map((d) => (
            <li key={d.id}>
              <DoctorCard doctor={d} tz={tz} />
            </li>
          ))}
        </ul>
        {nextCursor(result) ? (
          <div className="row">
            <button type="button" className="button button--secondary" onClick={loadMore} disabled={more}>
              {more ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </main>
    </>
  );
}

function Filters({
  filters,
  set,
  specialtyNames,
  result,
  currency,
}: {
  filters: SearchFilters;
  set: (k: SearchKey, v: string | null) => void;
  specialtyNames: Record<string, string>;
  result: SearchResult | null;
  currency: string;
}) {
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [coords, setCoords] = useState(filters.near ?? '');
  useEffect(() => setCoords(filters.near ?? ''), [filters.near]);
  const languages = facetOptions(result?.facets?.language, filters.language);
  const sorts = SORTS.filter((s) => (!s.needsNear || filters.near) && (!s.needsQ || filters.q?.trim()));

  const nearMe = () => {
    if (!navigator.geolocation) {
      setGeoError('Your browser cannot share your location. Type coordinates instead.');
      return;
    }
    setLocating(true);
    setGeoError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        set('near', formatLatLng(pos.coords.latitude, pos.coords.longitude));
      },
      () => {
        setLocating(false);
        setGeoError('We could not get your location. Allow it in the browser, or type coordinates.');
      },
      { timeout: 10_000, maximumAge: 600_000 },
    );
  };

  return (
    <div className="filters" aria-label="Filters" role="group">
      <SelectField label="Specialty" value={filters.specialty ?? ''} onChange={(e) => set('specialty', e.target.value)}>
        <option value="">Any specialty</option>
        {Object.entries(specialtyNames).map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Language" value={filters.language ?? ''} onChange={(e) => set('language', e.target.value)}>
        <option value="">Any language</option>
        {languages.map((l) => (
          <option key={l.id} value={l.id}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Doctor's gender" value={filters.gender ?? ''} onChange={(e) => set('gender', e.target.value)}>
        <option value="">Any</option>
        {GENDERS.map((g) => (
          <option key={g.value} value={g.value}>
            {g.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Consultation" value={filters.type ?? ''} onChange={(e) => set('type', e.target.value)}>
        <option value="">Video or clinic</option>
        <option value="video">Video</option>
        <option value="clinic">In clinic</option>
      </SelectField>
      <SelectField label="Fees in" value={currency} onChange={(e) => set('currency', e.target.value)}>
        {(FEE_CURRENCIES.includes(currency as (typeof FEE_CURRENCIES)[number]) ? FEE_CURRENCIES : [currency, ...FEE_CURRENCIES]).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      <FeeField label={`Fee from (${currency})`} value={filters.fee_min} currency={currency} onSet={(v) => set('fee_min', v)} />
      <FeeField label={`Fee up to (${currency})`} value={filters.fee_max} currency={currency} onSet={(v) => set('fee_max', v)} />
      <SelectField label="Minimum rating" value={filters.rating_min ?? ''} onChange={(e) => set('rating_min', e.target.value)}>
        <option value="">Any rating</option>
        <option value="3">3 ★ and up</option>
        <option value="4">4 ★ and up</option>
        <option value="4.5">4.5 ★ and up</option>
      </SelectField>
      <Field label="Available on" type="date" min={todayIso()} value={filters.available_on ?? ''} onChange={(e) => set('available_on', e.target.value)} />
      <SelectField label="Sort by" value={filters.sort ?? (filters.q?.trim() ? 'relevance' : 'rating:desc')} onChange={(e) => set('sort', e.target.value)}>
        {sorts.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <span className="field__label" id="near-label" style={{ fontWeight: 600, display: 'block', marginBottom: '0.35rem' }}>
          Near
        </span>
        <div className="row">
          <button type="button" className="button button--secondary button--small" onClick={nearMe} disabled={locating}>
            {locating ? 'Locating…' : filters.near ? 'Update my location' : 'Near me'}
          </button>
          {filters.near ? (
            <button type="button" className="button button--link" onClick={() => set('near', null)}>
              Anywhere
            </button>
          ) : null}
        </div>
        {geoError ? <p className="field__error">{geoError}</p> : null}
      </div>
      <Field
        label="Or coordinates (lat,lng)"
        value={coords}
        placeholder="28.61,77.21"
        onChange={(e) => setCoords(e.target.value)}
        onBlur={() => (coords.trim() === '' || parseLatLng(coords) ? set('near', coords.trim() || null) : undefined)}
        error={coords.trim() && !parseLatLng(coords) ? 'Two numbers: latitude,longitude.' : undefined}
      />
      {filters.near ? (
        <SelectField label="Within" value={filters.radius_km ?? '25'} onChange={(e) => set('radius_km', e.target.value)}>
          {['5', '10', '25', '50', '100', '500'].map((r) => (
            <option key={r} value={r}>
              {r} km
            </option>
          ))}
        </SelectField>
      ) : null}
    </div>
  );
}

/** The country of the signed-in person's profile address (null: none, or not known). */
function useProfileCountry(): string | null {
  const { status } = useAuth();
  const [country, setCountry] = useState<string | null>(null);
  useEffect(() => {
    if (status !== 'signedIn') return;
    const ac = new AbortController();
    getProfile(null, ac.signal)
      .then((p) => !ac.signal.aborted && setCountry(p.data.address?.country ?? null))
      .catch(() => undefined);
    return () => ac.abort();
  }, [status]);
  return country;
}

/** A fee typed in major units; the URL and the API take minor units. Applied when the field loses focus. */
function FeeField({ label, value, currency, onSet }: { label: string; value?: string; currency: string; onSet: (v: string | null) => void }) {
  const [text, setText] = useState(fromMinorUnits(value, currency));
  useEffect(() => setText(fromMinorUnits(value, currency)), [value, currency]);
  const minor = toMinorUnits(text, currency);
  const invalid = text.trim() !== '' && minor === null;
  const apply = () => {
    if (!invalid) onSet(minor === null ? null : String(minor));
  };
  return (
    <Field
      label={label}
      inputMode="decimal"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }}
      error={invalid ? 'Enter an amount, like 500.' : undefined}
    />
  );
}

/** Facet counts as chips: click one to filter by it, again to drop it. */
function Facets({
  filters,
  set,
  result,
  names,
}: {
  filters: SearchFilters;
  set: (k: SearchKey, v: string | null) => void;
  result: SearchResult | null;
  names: Record<string, string>;
}) {
  const groups: { key: 'specialty' | 'language'; title: string }[] = [
    { key: 'specialty', title: 'Specialties' },
    { key: 'language', title: 'Languages' },
  ];
  return (
    <>
      {groups.map((g) => {
        const options = facetOptions(result?.facets?.[g.key], filters[g.key], g.key === 'specialty' ? names : {});
        if (options.length === 0) return null;
        return (
          <div className="facet" key={g.key} role="group" aria-label={g.title} data-testid={`facet-${g.key}`}>
            <h3>{g.title}</h3>
            <div className="chips">
              {options.slice(0, 12).map((o) => {
                const on = filters[g.key] === o.id;
                return (
                  <button
                    key={o.id}
                    type="button"
                    className="chip"
                    aria-pressed={on}
                    data-facet={o.id}
                    onClick={() => set(g.key, on ? null : o.id)}
                  >
                    {o.label}
                    <span className="chip__count">{o.count}</span>
                  </button>
                );
              })}
            </div>
          </div>
        );
      })}
    </>
  );
}
