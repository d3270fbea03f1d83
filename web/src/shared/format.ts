import { useTranslation } from 'react-i18next';

/** Number formatting in the reader's language (e.g. 12 345 in French, 12,345 in English). */
export function useFormatNumber(): (value: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (value) => format.format(value);
}
