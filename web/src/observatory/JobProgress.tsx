import { useTranslation } from 'react-i18next';
import type { Job } from './jobs.js';

/** A running job's progress bar (announced to screen readers), with a way to cancel it. */
export function JobProgress({ job, onCancel }: { job: Job | null; onCancel: () => void }) {
  const { t } = useTranslation();
  const done = job?.progress.done ?? 0;
  const total = job?.progress.total ?? 0;
  const label = job?.status === 'running' && total > 0 ? t('observatory.jobs.progress', { done, total }) : t('observatory.jobs.queued');
  return (
    <div className="job-progress" role="status" data-testid="job-progress">
      <label>
        {label}
        <progress max={Math.max(total, 1)} value={total > 0 ? done : undefined} />
      </label>
      <button type="button" className="button" onClick={onCancel}>{t('observatory.jobs.cancel')}</button>
    </div>
  );
}
