// Dates, times and money in one format everywhere: Intl in the person's language (the one chosen in the account
// menu, with the browser's region for English) and their time zone (the browser's unless a zone is given).
import i18n from './index';

/** The BCP 47 locale for Intl: Hindi as used in India; English with the browser's region (en-IN, en-GB…). */
export function currentLocale(language = i18n.language, browser = typeof navigator === 'undefined' ? 'en' : navigator.language): string {
  if (language === 'hi') return 'hi-IN';
  return browser?.toLowerCase().startsWith('en') ? browser : 'en';
}

function parse(iso: string): Date | null {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? null : t;
}

/** "8 Dec 2026" (or the locale's order); the input back unchanged when it is not a date. */
export function formatDate(iso: string, zone?: string): string {
  const t = parse(iso);
  return t ? new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: zone }).format(t) : iso;
}

/** "8 Dec 2026, 2:30 pm" in `zone` (default: the browser's). */
export function formatDateTime(iso: string, zone?: string): string {
  const t = parse(iso);
  return t ? new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(t) : iso;
}

/** An amount in minor units (paise, cents) of an ISO 4217 currency: "₹1,500.00". */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat(currentLocale(), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}
