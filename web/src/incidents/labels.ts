import { useTranslation } from 'react-i18next';
import type { Category, Incident } from './api.js';

/** The category's label in the reader's language (the nomenclature is bilingual). */
export function useCategoryLabel(): (category: Pick<Category, 'labelFr' | 'labelEn'>) => string {
  const { i18n } = useTranslation();
  return (category) => (i18n.language === 'en' ? category.labelEn : category.labelFr);
}

/** "12 mai 2026 à 21:30", or the day alone when the time is unknown. */
export function useOccurrenceFormat(): (incident: Pick<Incident, 'occurredAt' | 'timeUnknown'>) => string {
  const { t, i18n } = useTranslation();
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'Europe/Paris' });
  const moment = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return ({ occurredAt, timeUnknown }) =>
    timeUnknown ? `${day.format(new Date(occurredAt))} (${t('incidents.list.timeUnknown')})` : moment.format(new Date(occurredAt));
}

/** Date and time of a record (recording, change, comment). */
export function useMomentFormat(): (iso: string) => string {
  const { i18n } = useTranslation();
  const moment = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (iso) => moment.format(new Date(iso));
}

/** A day (YYYY-MM-DD) as the reader writes it. */
export function useDayFormat(): (day: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  return (day) => format.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}
