// A prescription on its own page (linked from a booking, or opened from a notification): items, advice, PDF.
import { Link, useParams } from 'react-router-dom';
import { AppHeader, LoadProblem, useLoader } from '../components/account';
import { PrescriptionView } from '../components/consult';
import { getPrescription } from '../consultationsApi';

export default function PrescriptionPage() {
  const { id = '' } = useParams();
  const { data, problem, loading } = useLoader((signal) => getPrescription(id, signal), [id]);
  return (
    <>
      <AppHeader />
      <main className="page">
        <p>
          <Link to={data ? `/bookings/${encodeURIComponent(data.booking_id)}` : '/bookings'}>← Back to the booking</Link>
        </p>
        <section className="panel" aria-labelledby="rx-page-heading">
          <h1 id="rx-page-heading">Prescription</h1>
          <LoadProblem problem={problem} what="this prescription" />
          {loading && !data ? (
            <p className="muted" role="status">
              Loading…
            </p>
          ) : null}
          {data ? <PrescriptionView rx={data} /> : null}
        </section>
      </main>
    </>
  );
}
