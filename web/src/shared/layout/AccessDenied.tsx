import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What a 403 shows: the record stays hidden and the reader knows why. */
export function AccessDenied() {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert" data-testid="access-denied">
      <h2>{t('access.denied.title')}</h2>
      <p>{t('access.denied.text')}</p>
      <p><Link to="/">{t('access.denied.home')}</Link></p>
    </div>
  );
}
