// What the doctor's prescription panel (PrescriptionPanel.tsx) and the patient's prescription view (consult.tsx)
// share: downloading the signed PDF, and the advice and follow-up lines under the items.
import { downloadPrescriptionPdf } from '../consultationsApi';
import { useDownload } from './useDownload';

/** Download of the prescription's PDF: `busy` while it runs, `problem` when it failed. */
export function usePrescriptionPdf(rx: { id: string; pdf_url: string }) {
  return useDownload(() => downloadPrescriptionPdf(rx), `prescription-${rx.id}.pdf`);
}

/** The prescription's advice and follow-up, each only when given. */
export function RxAdvice({ advice, followUp }: { advice?: string | null; followUp?: string | null }) {
  return (
    <>
      {advice ? (
        <p>
          <strong>Advice:</strong> {advice}
        </p>
      ) : null}
      {followUp ? (
        <p>
          <strong>Follow-up:</strong> {followUp}
        </p>
      ) : null}
    </>
  );
}
