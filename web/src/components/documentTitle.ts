// The browser tab's title for a page ("Find a doctor · Kiorex"); the server writes the same title into the HTML
// of the public pages for link previews (src/app/page_heads.cpp), this keeps it right while moving in the app.
import { useEffect } from 'react';

export const SITE_NAME = 'Kiorex';

export function pageTitle(title: string | null | undefined): string {
  return title ? `${title} · ${SITE_NAME}` : SITE_NAME;
}

/**
 * A page that names itself (the public pages, whose titles the server also writes) sets its title here; the
 * shell's DocumentTitle (nav/DocumentTitle.tsx) then keeps it instead of the one made from the page's heading.
 */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    const full = pageTitle(title);
    document.documentElement.dataset.pageTitle = full;
    document.title = full;
    return () => {
      if (document.documentElement.dataset.pageTitle === full) delete document.documentElement.dataset.pageTitle;
    };
  }, [title]);
}
