// My bookings: upcoming consultations (join the call when it has started) and past ones, for the signed-in patient
// and the dependents they book for. Each opens its own page for cancel, reschedule, plan, prescription, rating.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { toProblem, type Problem } from '../api';
import { useAuth } from '../auth';
import { AppHeader, LoadProblem, PanelHead } from '../components/account';
import { BookingWhen, StatusBadge, typeLabel } from '../components/consult';
import { canJoin, isUpcoming, sortBookings, upcomingFrom, type Booking } from '../consultations';
import { listBookings } from '../consultationsApi';
import { appendPage, nextCursor } from '../users';

const PAGE = 20;

export default function MyBookings() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'past' ? 'past' : 'upcoming';
  const [items, setItems] = useState<Booking[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [from] = useState(() => upcomingFrom());

  const query = (c: string | null) => (tab === 'upcoming' ? { from, limit: PAGE, cursor: c } : { limit: PAGE, cursor: c });

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setProblem(null);
    setItems([]);
    listBookings(query(null), ac.signal)
      .then((r) => {
        if (ac.signal.aborted) return;
        setItems(r.items ?? []);
        setCursor(nextCursor(r));
      })
      .catch((err: unknown) => !ac.signal.aborted && setProblem(toProblem(err)))
      .finally(() => !ac.signal.aborted && setLoading(false));
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab]);

  const loadMore = async () => {
    setMore(true);
    try {
      const r = await listBookings(query(cursor));
      setItems((old) => appendPage(old, r.items ?? [], (b) => b.id));
      setCursor(nextCursor(r));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setMore(false);
    }
  };

  const now = new Date();
  const shown = sortBookings(
    items.filter((b) => (tab === 'upcoming' ? isUpcoming(b, now) : !isUpcoming(b, now))),
    tab === 'upcoming',
  );

  return (
    <>
      <AppHeader />
      <main className="page">
        <section className="panel" aria-labelledby="bookings-heading">
          <PanelHead id="bookings-heading" level={1} title="My bookings">
            <Link className="button button--primary button--small" to="/doctors">
              Find a doctor
            </Link>
          </PanelHead>
          <div className="tabs" role="group" aria-label="Which bookings">
            <button type="button" className="chip" aria-pressed={tab === 'upcoming'} onClick={() => setParams({}, { replace: true })}>
              Upcoming
            </button>
            <button type="button" className="chip" aria-pressed={tab === 'past'} onClick={() => setParams({ tab: 'past' }, { replace: true })}>
              Past and cancelled
            </button>
          </div>
          <LoadProblem problem={problem} what="your bookings" />
          {loading ? (
            <p className="muted" role="status">
              Loading…
            </p>
          ) : shown.length === 0 && !cursor ? (
            <p className="empty" data-testid="bookings-empty">
              {tab === 'upcoming' ? 'No upcoming consultations.' : 'No past consultations yet.'}
            </p>
          ) : null}
          <ul className="bookings" aria-label={tab === 'upcoming' ? 'Upcoming consultations' : 'Past consultations'}>
            {shown.map((b) => (
              <li key={b.id}>
                <BookingItem booking={b} />
              </li>
            ))}
          </ul>
          {cursor ? (
            <div className="row" style={{ marginTop: '1rem' }}>
              <button type="button" className="button button--secondary" onClick={loadMore} disabled={more}>
                {more ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </section>
      </main>
    </>
  );
}

function BookingItem({ booking: b }: { booking: Booking }) {
  const { user } = useAuth();
  const forOther = b.patient.id !== user?.id;
  const href = `/bookings/${encodeURIComponent(b.id)}`;
  return (
    <article className="booking" data-testid="booking" data-booking-id={b.id}>
      <div className="booking__head">
        <h2>
          <Link to={href}>{b.doctor.name}</Link>
        </h2>
        <StatusBadge status={b.status} />
      </div>
      <BookingWhen booking={b} />
      <p className="muted">
        {typeLabel(b.type)}
        {b.location?.name ? ` at ${b.location.name}` : ''}
        {forOther ? ` · for ${b.patient.name}` : ''}
      </p>
      <div className="booking__actions">
        {canJoin(b) ? (
          <Link className="button button--primary button--small" to={`/consultations/${encodeURIComponent(b.id)}/call`}>
            Join the call
          </Link>
        ) : null}
        <Link className="button button--secondary button--small" to={href}>
          Details
        </Link>
      </div>
    </article>
  );
}
