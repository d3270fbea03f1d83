import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../shared/api.js';
import type { Incident, IncidentPage } from './api.js';

export type Pages =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; items: Incident[]; nextCursor: string | null; loadingMore: boolean };

const PAGE_SIZE = 50;

/** The incidents the filters select, first page at once, the next ones on demand (API keyset cursor). */
export function useIncidentPages(query: string): [Pages, () => void] {
  const [pages, setPages] = useState<Pages>({ state: 'loading' });
  const url = (cursor?: string) => {
    const params = new URLSearchParams(query);
    params.set('limit', String(PAGE_SIZE));
    if (cursor) params.set('cursor', cursor);
    return `/api/incidents?${params}`;
  };
  const fail = (error: unknown) => setPages({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, String(error)) });

  useEffect(() => {
    const controller = new AbortController();
    setPages({ state: 'loading' });
    getJson<IncidentPage>(url(), controller.signal).then(
      (page) => setPages({ state: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false }),
      (error: unknown) => { if (!controller.signal.aborted) fail(error); },
    );
    return () => controller.abort();
  }, [query]);

  const loadMore = useCallback(() => {
    if (pages.state !== 'ready' || !pages.nextCursor || pages.loadingMore) return;
    const { items, nextCursor } = pages;
    setPages({ ...pages, loadingMore: true });
    getJson<IncidentPage>(url(nextCursor)).then(
      (page) => setPages({ state: 'ready', items: [...items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }),
      fail,
    );
  }, [pages, query]);

  return [pages, loadMore];
}
