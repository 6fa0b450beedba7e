// Gives every page its own browser title, "<the page's heading> · Kiorex", taken from the first <h1> on screen,
// so pages (and services added later) only need a heading that says where you are. A page that names itself
// (useDocumentTitle in components/documentTitle.ts, as the public pages do) keeps its own title.
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';

export function DocumentTitle() {
  const location = useLocation();
  useEffect(() => {
    const root = document.getElementById('root');
    if (!root) return;
    const update = () => {
      const heading = root.querySelector('h1')?.textContent?.trim();
      const title = document.documentElement.dataset.pageTitle ?? (heading ? `${heading} · Kiorex` : 'Kiorex');
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [location.pathname]);
  return null;
}
