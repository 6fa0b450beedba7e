// The browser tab's title for a page ("Find a doctor · Kiorex"); the server writes the same title into the HTML
// of the public pages for link previews (src/app/page_heads.cpp), this keeps it right while moving in the app.
import { useEffect } from 'react';

export const SITE_NAME = 'Kiorex';

export function pageTitle(title: string | null | undefined): string {
  return title ? `${title} · ${SITE_NAME}` : SITE_NAME;
}

export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
}
