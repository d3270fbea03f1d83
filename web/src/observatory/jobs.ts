import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { JobSchema, NearRepeatResultSchema } from '../../../src/observatory/jobs/schemas.js';
import { ApiError, getJson } from '../shared/api.js';

export type Job = z.infer<typeof JobSchema>;
export type NearRepeatResult = z.infer<typeof NearRepeatResultSchema>;

export const jobUrl = (id: number) => `/api/observatory/jobs/${id}`;
const POLL_INTERVAL = 500;
const finished = (job: Job) => job.status !== 'queued' && job.status !== 'running';

export type JobView<R> =
  | { state: 'idle' }
  | { state: 'polling'; job: Job | null }
  | { state: 'done'; job: Job; result: R | null }
  | { state: 'error'; error: ApiError };

/** Polls a background job until it has finished, then loads its result (when it succeeded). */
export function useJob<R>(id: number | null): JobView<R> {
  const [view, setView] = useState<JobView<R>>({ state: 'idle' });
  useEffect(() => {
    if (id === null) {
      setView({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setView({ state: 'polling', job: null });
    const poll = async () => {
      try {
        const job = await getJson<Job>(jobUrl(id), controller.signal);
        if (!finished(job)) {
          setView({ state: 'polling', job });
          timer = setTimeout(poll, POLL_INTERVAL);
          return;
        }
        const result = job.status === 'succeeded' ? await getJson<R>(`${jobUrl(id)}/result`, controller.signal) : null;
        setView({ state: 'done', job, result });
      } catch (error) {
        if (!controller.signal.aborted) setView({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, String(error)) });
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return view;
}
