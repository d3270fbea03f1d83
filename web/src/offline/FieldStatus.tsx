import { useTranslation } from 'react-i18next';
import { Outbox } from './Outbox.js';
import { useOfflineReady, useOnline } from './useOutbox.js';
import './i18n/index.js';
import './offline.css';

/** Above the recording form: whether the phone can work without signal, and what waits to be sent. */
export function FieldStatus() {
  const { t } = useTranslation();
  const online = useOnline();
  const residences = useOfflineReady();
  return (
    <div className="field-status">
      {!online && <p role="status" className="field-status__offline" data-testid="offline-banner">{t('offline.status.offline')}</p>}
      {online && residences !== null && (
        <p className="field-status__ready" data-testid="offline-ready">{t('offline.status.ready', { count: residences })}</p>
      )}
      <Outbox />
    </div>
  );
}
