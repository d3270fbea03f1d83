import { useTranslation } from 'react-i18next';
import type { Dashboard } from './api.js';

/** Tells a partner why some figures read « < 5 » or « s », and which panels they do not receive. */
export function SuppressionNote({ suppression }: { suppression: Dashboard['suppression'] }) {
  const { t } = useTranslation();
  if (!suppression) return null;
  const withheld = suppression.withheld.map((panel) => t(`observatory.withheld.${panel}`)).join(', ');
  return <p className="observatory-notice" data-testid="suppression-note">{t('observatory.suppression', { withheld })}</p>;
}
