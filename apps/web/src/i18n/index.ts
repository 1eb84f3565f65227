// Texts in Dutch (default) and English through i18next, one namespace per area of the app so
// each screen's texts live beside the others of its kind. Dates and numbers follow the language:
// nl-NL or en-GB, always in the Europe/Amsterdam time zone the municipalities work in.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAnalyst from './locales/en/analyst.json';
import enCommon from './locales/en/common.json';
import enCoordinator from './locales/en/coordinator.json';
import enEscalations from './locales/en/escalations.json';
import enMayor from './locales/en/mayor.json';
import nlAnalyst from './locales/nl/analyst.json';
import nlCommon from './locales/nl/common.json';
import nlCoordinator from './locales/nl/coordinator.json';
import nlEscalations from './locales/nl/escalations.json';
import nlMayor from './locales/nl/mayor.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  nl: {
    common: nlCommon,
    coordinator: nlCoordinator,
    analyst: nlAnalyst,
    escalations: nlEscalations,
    mayor: nlMayor,
  },
  en: {
    common: enCommon,
    coordinator: enCoordinator,
    analyst: enAnalyst,
    escalations: enEscalations,
    mayor: enMayor,
  },
} as const;

const LANGUAGE_KEY = 'weerbaar.language';

function storedLanguage(): Language {
  const stored = typeof window === 'undefined' ? null : window.localStorage.getItem(LANGUAGE_KEY);
  return stored === 'en' ? 'en' : 'nl';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'nl',
  ns: Object.keys(resources.nl),
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export function setLanguage(language: Language): void {
  window.localStorage.setItem(LANGUAGE_KEY, language);
  void i18n.changeLanguage(language);
}

export const TIME_ZONE = 'Europe/Amsterdam';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'nl-NL';
}

/** 24 november 2026 */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: TIME_ZONE }).format(
    new Date(value),
  );
}

/** 24 nov 2026, 16:05 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** 1.234,5 in Dutch, 1,234.5 in English */
export function formatNumber(value: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits }).format(value);
}

/** 42 % */
export function formatPercent(value: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(
    value,
  );
}
