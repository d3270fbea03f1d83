import { useTranslation } from 'react-i18next';
import type { Incident } from './api.js';

/** The status in words (never by colour alone), with the outcome of a closed incident. */
export function StatusBadge({ incident }: { incident: Pick<Incident, 'status' | 'outcome'> }) {
  const { t } = useTranslation();
  const text = incident.status === 'closed' && incident.outcome
    ? t('incidents.detail.statusClosed', { outcome: t(`incidents.outcome.${incident.outcome}`) })
    : t(`incidents.status.${incident.status}`);
  return <span className={`incident-status incident-status--${incident.status}`} data-testid="incident-status">{text}</span>;
}
