// A file download behind a button: `busy` while it runs, `problem` when it failed; the file is saved under the
// server's name (or `fallbackName`).
import { useState } from 'react';
import { toProblem, type Download, type Problem } from '../api';
import { saveDownload } from './account';

export function useDownload(fetchFile: () => Promise<Download>, fallbackName: string) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveDownload(await fetchFile(), fallbackName);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, download };
}
