import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../i18n/index.js';

/** One visible button offering the other language, labelled in that language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <button type="button" className="language-switch" lang={other} aria-label={t('language.switchToLabel')} onClick={() => changeLanguage(other)}>
      {t('language.switchTo')}
    </button>
  );
}
