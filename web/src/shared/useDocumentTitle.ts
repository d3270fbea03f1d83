import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the page in the browser tab, so screen reader users know where they landed. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} — ${t('app.name')}` : t('app.name');
  }, [title, t]);
}
