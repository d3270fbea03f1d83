import { useTranslation } from 'react-i18next';
import './i18n/index.js';

/** Shown instead of the "recorded" page when the incident waits on the phone for the network. */
export function QueuedNotice({ onAnother }: { onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="incident-saved" aria-labelledby="incident-queued-title" data-testid="incident-queued">
      <h2 id="incident-queued-title" tabIndex={-1} ref={(heading) => heading?.focus()}>{t('offline.queued.title')}</h2>
      <p>{t('offline.queued.body')}</p>
      <p className="incident-actions">
        <button type="button" className="button" onClick={onAnother}>{t('offline.queued.another')}</button>
      </p>
    </section>
  );
}
