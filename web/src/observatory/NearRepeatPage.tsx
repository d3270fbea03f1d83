import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { sendJson, useApi } from '../shared/api.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import type { Dashboard } from './api.js';
import { bandLabels, parseBounds, type Bound } from './bands.js';
import { FilterBar } from './FilterBar.js';
import { filtersFromSearch, filtersQuery, type Filters } from './filters.js';
import { JobProgress } from './JobProgress.js';
import { jobUrl, useJob, type Job, type NearRepeatResult } from './jobs.js';
import { KnoxTable } from './KnoxTable.js';
import { ObservatoryNav } from './ObservatoryNav.js';
import { dashboardUrl } from './useDashboard.js';

/**
 * Near-repeat analysis (Knox test) over the reader's incidents, run in the background: the
 * job's id is kept in the address with the filters, so a reload follows the same job.
 */
export function NearRepeatPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('observatory.nearRepeat.title'));
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const jobId = Number(search.get('job')) || null;
  const go = (next: Filters, job: number | null) => {
    const params = new URLSearchParams(filtersQuery(next));
    if (job !== null) params.set('job', String(job));
    setSearch(params, { replace: true, preventScrollReset: true });
  };
  const period = useApi<Dashboard>(dashboardUrl({ from: filters.from, to: filters.to }));
  const view = useJob<NearRepeatResult>(jobId);
  const [error, setError] = useState<unknown>(null);
  const start = async (parameters: NearRepeatParameters) => {
    setError(null);
    try {
      const job = await sendJson<Job>('POST', '/api/observatory/jobs/near-repeat', { filters, ...parameters });
      go(filters, job.id);
    } catch (refused) {
      setError(refused);
    }
  };
  const cancel = async () => {
    if (jobId === null) return;
    await sendJson<Job>('POST', `${jobUrl(jobId)}/cancel`).catch(setError);
    go(filters, null);
  };
  const running = view.state === 'polling';
  return (
    <>
      <ObservatoryNav />
      <h1>{t('observatory.nearRepeat.title')}</h1>
      <p className="lead">{t('observatory.nearRepeat.intro')}</p>
      <FilterBar
        filters={filters} onChange={(next) => go(next, null)}
        agencies={period.state === 'ready' ? period.data.agencies : []} period={period.state === 'ready' ? period.data.period.current : undefined}
      />
      <NearRepeatForm disabled={running} onSubmit={start} />
      <ProblemAlert error={error} />
      {running && <JobProgress job={view.job} onCancel={cancel} />}
      {view.state === 'error' && <div role="alert" className="alert">{t('common.error', { detail: view.error.message })}</div>}
      {view.state === 'done' && view.result && <KnoxTable result={view.result} />}
      {view.state === 'done' && !view.result && view.job.problem && (
        <div role="alert" className="alert">{t('observatory.jobs.ended', { title: view.job.problem.title, detail: view.job.problem.detail })}</div>
      )}
    </>
  );
}

interface NearRepeatParameters {
  distanceBands: Bound[];
  timeBands: Bound[];
  iterations: 99 | 999;
  seed: number;
}

function NearRepeatForm({ disabled, onSubmit }: { disabled: boolean; onSubmit: (parameters: NearRepeatParameters) => void }) {
  const { t } = useTranslation();
  const [distances, setDistances] = useState('0, 100, 200, 400');
  const [times, setTimes] = useState('0, 7, 14, 30');
  const [iterations, setIterations] = useState<99 | 999>(99);
  const [seed, setSeed] = useState('1');
  const distanceBands = parseBounds(distances);
  const timeBands = parseBounds(times);
  const seedValue = Number(seed);
  const valid = distanceBands !== null && timeBands !== null && Number.isInteger(seedValue) && seedValue >= 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSubmit({ distanceBands, timeBands, iterations, seed: seedValue });
  };
  const preview = (bounds: Bound[] | null, unit: string, id: string) => (
    <small id={id} aria-live="polite">{bounds ? bandLabels(bounds, unit).join(' · ') : t('observatory.nearRepeat.invalidBounds')}</small>
  );
  return (
    <form className="observatory-filters near-repeat-form" onSubmit={submit}>
      <fieldset>
        <legend>{t('observatory.nearRepeat.parameters')}</legend>
        <p className="near-repeat-note">{t('observatory.nearRepeat.halfOpen')}</p>
        <div className="observatory-field">
          <label htmlFor="near-repeat-distances">{t('observatory.nearRepeat.distanceBands')}</label>
          <input id="near-repeat-distances" value={distances} onChange={(event) => setDistances(event.target.value)} aria-describedby="near-repeat-distances-preview" aria-invalid={distanceBands === null} />
          {preview(distanceBands, 'm', 'near-repeat-distances-preview')}
        </div>
        <div className="observatory-field">
          <label htmlFor="near-repeat-times">{t('observatory.nearRepeat.timeBands')}</label>
          <input id="near-repeat-times" value={times} onChange={(event) => setTimes(event.target.value)} aria-describedby="near-repeat-times-preview" aria-invalid={timeBands === null} />
          {preview(timeBands, t('observatory.nearRepeat.days'), 'near-repeat-times-preview')}
        </div>
        <div className="observatory-field">
          <label htmlFor="near-repeat-iterations">{t('observatory.nearRepeat.iterations')}</label>
          <select id="near-repeat-iterations" value={iterations} onChange={(event) => setIterations(Number(event.target.value) as 99 | 999)}>
            <option value={99}>99</option>
            <option value={999}>999</option>
          </select>
        </div>
        <div className="observatory-field">
          <label htmlFor="near-repeat-seed">{t('observatory.nearRepeat.seed')}</label>
          <input id="near-repeat-seed" type="number" min={0} step={1} value={seed} onChange={(event) => setSeed(event.target.value)} />
        </div>
        <button type="submit" className="button" disabled={disabled || !valid}>{t('observatory.nearRepeat.run')}</button>
      </fieldset>
    </form>
  );
}
