import { describe, expect, it } from 'vitest';
import { currentLocale, formatDateTime, formatMoney } from './format';
import i18n from './index';

describe('Intl formats in the chosen language', () => {
  it('picks hi-IN for Hindi and keeps the English region of the browser', () => {
    expect(currentLocale('hi', 'en-GB')).toBe('hi-IN');
    expect(currentLocale('en', 'en-IN')).toBe('en-IN');
    expect(currentLocale('en', 'de-DE')).toBe('en');
  });

  it('formats money from minor units and dates in a given zone', async () => {
    await i18n.changeLanguage('en');
    expect(formatMoney(150000, 'INR')).toMatch(/1,500\.00/);
    expect(formatMoney(500, 'JPY')).toMatch(/500/);
    expect(formatDateTime('2026-12-08T02:30:00Z', 'Asia/Kolkata')).toMatch(/8:00/);
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
