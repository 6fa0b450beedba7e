// The doctor's appointments: today's and the upcoming ones, with cancel and no-show.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AppHeader, LoadProblem, PanelHead, useLoader } from '../components/account';
import { Loading, LoadMore, useLoadMore } from '../components/pageParts';
import { BookingCard } from '../components/practiceUi';
import { browserTimeZone, splitAppointments, startOfToday, type Booking } from '../practice';
import { listDoctorBookings } from '../practiceApi';
import { appendPage, nextCursor } from '../users';

const PAGE = 100;

export default function Appointments() {
  const [from] = useState(() => startOfToday());
  const { data, setData, problem, loading, reload } = useLoader((signal) => listDoctorBookings({ from, limit: PAGE }, signal), [from]);
  const items = data?.items ?? [];
  const { today, upcoming } = splitAppointments(items);
  const cursor = nextCursor(data);

  const replace = (b: Booking) => setData((d) => (d ? { ...d, items: d.items.map((x) => (x.id === b.id ? { ...x, ...b } : x)) } : d));

  const { more, problem: moreProblem, loadMore } = useLoadMore(
    cursor
      ? async () => {
          const page = await listDoctorBookings({ from, limit: PAGE, cursor });
          setData((d) => ({ items: appendPage(d?.items ?? [], page.items ?? [], (b) => b.id), next_cursor: page.next_cursor ?? null }));
        }
      : null,
  );

  return (
    <>
      <AppHeader />
      <main className="page">
        <section className="panel" aria-labelledby="today-heading">
          <PanelHead id="today-heading" level={1} title="Today">
            <button type="button" className="button button--secondary button--small" onClick={reload} disabled={loading}>
              Refresh
            </button>
          </PanelHead>
          <p className="muted">Times are in your device's time zone ({browserTimeZone().replace(/_/g, ' ')}).</p>
          <LoadProblem problem={problem} what="your appointments" />
          <Loading show={loading && !data} />
          {data && today.length === 0 ? (
            <p className="empty" data-testid="today-empty">
              No appointments today.
            </p>
          ) : null}
          {today.length > 0 ? (
            <ul className="cards" aria-label="Today's appointments">
              {today.map((b) => (
                <BookingCard key={b.id} booking={b} showDate={false} onChanged={replace} />
              ))}
            </ul>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="upcoming-heading">
          <PanelHead id="upcoming-heading" title="Upcoming" />
          {data && upcoming.length === 0 ? (
            <p className="empty">
              Nothing booked after today yet. Patients book the free slots of your <Link to="/practice/schedule">weekly hours</Link>.
            </p>
          ) : null}
          {upcoming.length > 0 ? (
            <ul className="cards" aria-label="Upcoming appointments">
              {upcoming.map((b) => (
                <BookingCard key={b.id} booking={b} showDate onChanged={replace} />
              ))}
            </ul>
          ) : null}
          <LoadMore show={!!cursor} more={more} problem={moreProblem} onClick={loadMore} />
        </section>
      </main>
    </>
  );
}
