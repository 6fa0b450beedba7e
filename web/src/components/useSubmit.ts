import { useCallback, useState, type FormEvent } from 'react';
import { toProblem, type Problem } from '../api';

/** Busy flag + last problem for a form whose submit handler calls the API. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }, []);

  const onSubmit = useCallback(
    (fn: () => Promise<void>) => (e: FormEvent) => {
      e.preventDefault();
      void run(fn);
    },
    [run],
  );

  return { busy, problem, setProblem, run, onSubmit };
}
