import { useTranslation } from 'react-i18next';
import type { Figure } from './api.js';

/**
 * Figures in the reader's language; a hidden figure reads as the API gives it (« < 5 », « s »),
 * and nothing (an undefined rate) as a dash.
 */
export function useFigure(): (value: Figure | null | undefined, options?: Intl.NumberFormatOptions) => string {
  const { i18n } = useTranslation();
  return (value, options = { maximumFractionDigits: 1 }) => {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'string') return value;
    return new Intl.NumberFormat(i18n.language, options).format(value);
  };
}

/** The number behind a figure, for sizes and colours (hidden figures count as nothing). */
export const numeric = (value: Figure | null | undefined): number => (typeof value === 'number' ? value : 0);
