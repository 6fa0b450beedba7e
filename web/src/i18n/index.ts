// The app's translations: i18next with one message catalog per language (en.json, hi.json; keys grouped by
// area). The language is the one chosen in the account menu (kept in localStorage), else the browser's, else
// English. Changing it also sets <html lang dir>, so fonts, screen readers and right-to-left layouts follow.
// English is bundled (the fallback for any missing key); other catalogs load on demand, keeping them out of the
// first page's JavaScript.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'hi', label: 'हिन्दी', dir: 'ltr' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'kiorex.language';

function savedLanguage(): LanguageCode {
  const known = (code: string | null | undefined): code is LanguageCode => LANGUAGES.some((l) => l.code === code);
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (known(saved)) return saved;
  } catch {
    // storage blocked: fall through to the browser's language
  }
  const browser = (typeof navigator === 'undefined' ? 'en' : navigator.language || 'en').slice(0, 2);
  return known(browser) ? browser : 'en';
}

function applyToDocument(code: string) {
  if (typeof document === 'undefined') return; // unit tests in node
  const lang = LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
  document.documentElement.lang = lang.code;
  document.documentElement.dir = lang.dir;
}

const CATALOGS: Record<Exclude<LanguageCode, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  hi: () => import('./hi.json'),
};

/** Loads `code`'s catalog when it is not there yet, then switches to it. */
async function switchTo(code: LanguageCode) {
  if (code !== 'en' && !i18n.hasResourceBundle(code, 'translation')) {
    const catalog = await CATALOGS[code]();
    i18n.addResourceBundle(code, 'translation', catalog.default, true, true);
  }
  await i18n.changeLanguage(code);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);
void switchTo(savedLanguage());

/** Switches the language and remembers it on this device. */
export function chooseLanguage(code: LanguageCode) {
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // not remembered, still switched
  }
  void switchTo(code);
}

export default i18n;
