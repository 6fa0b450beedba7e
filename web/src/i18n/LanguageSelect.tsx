// The language picker (account menu; under the sign-in style pages for visitors).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES, type LanguageCode } from './index';

export function LanguageSelect({ className = 'field' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{t('account.language')}</label>
      <select id={id} value={i18n.resolvedLanguage} onChange={(e) => chooseLanguage(e.target.value as LanguageCode)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </div>
  );
}
