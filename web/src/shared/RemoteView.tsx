import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Remote } from './api.js';
import { AccessDenied } from './layout/AccessDenied.js';

interface RemoteViewProps<T> {
  remote: Remote<T>;
  children: (data: T) => ReactNode;
  /** Replaces the generic error message, e.g. for a 404. */
  renderError?: (error: ApiError) => ReactNode;
}

/** Renders loaded data, or an announced loading or error message. */
export function RemoteView<T>({ remote, children, renderError }: RemoteViewProps<T>) {
  const { t } = useTranslation();
  if (remote.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (remote.state === 'error') {
    const custom = renderError?.(remote.error);
    // Outside the reader's perimeter: say so plainly rather than show a raw API message.
    if (custom === undefined && remote.error.status === 403) return <AccessDenied />;
    return <div role="alert" className="alert">{custom ?? t('common.error', { detail: remote.error.message })}</div>;
  }
  return <>{children(remote.data)}</>;
}
