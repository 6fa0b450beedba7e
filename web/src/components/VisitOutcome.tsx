// What the patient takes away from a consultation, shown on the call page once the doctor ended it: the
// doctor's plan (the only part of the notes the patient reads) and the prescription. Either may come a little
// later (the doctor may finish them for 24 hours after the end), hence "Check again".
import { toProblem } from '../api';
import { getConsultationPrescription, getPlan } from '../consultationsApi';
import { LoadProblem, useLoader } from './account';
import { PrescriptionView } from './consult';

/** A 404 from the plan or the prescription means "not written yet", not a failure. */
async function unlessMissing<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (err) {
    if (toProblem(err).status === 404) return null;
    throw err;
  }
}

export function VisitOutcome({ bookingId }: { bookingId: string }) {
  const outcome = useLoader(
    async (signal) => {
      const [plan, rx] = await Promise.all([unlessMissing(getPlan(bookingId, signal)), unlessMissing(getConsultationPrescription(bookingId, signal))]);
      return { plan: plan?.plan ?? null, rx };
    },
    [bookingId],
  );
  const o = outcome.data;
  return (
    <section className="panel" aria-labelledby="outcome-heading" data-testid="visit-outcome">
      <h2 id="outcome-heading">Your plan and prescription</h2>
      <LoadProblem problem={outcome.problem} what="the plan and the prescription" />
      {outcome.loading && !o ? <p className="muted">Loading…</p> : null}
      {o ? (
        <>
          <h3>Doctor's plan</h3>
          {o.plan ? (
            <p className="prewrap" data-testid="outcome-plan">
              {o.plan}
            </p>
          ) : (
            <p className="empty">The doctor has not written a plan yet.</p>
          )}
          <h3>Prescription</h3>
          {o.rx ? <PrescriptionView rx={o.rx} /> : <p className="empty">No prescription for this consultation yet.</p>}
          {!o.plan || !o.rx ? (
            <button type="button" className="button button--secondary" onClick={outcome.reload} disabled={outcome.loading}>
              Check again
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
