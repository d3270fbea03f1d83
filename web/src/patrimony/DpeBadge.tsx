import { useTranslation } from 'react-i18next';

/** A DPE class letter on its regulatory colour; the letter itself carries the meaning. */
export function DpeBadge({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (!value) return <>{t('common.none')}</>;
  return (
    <span className={`dpe dpe--${value.toLowerCase()}`} title={t('dwelling.dpeClass', { letter: value })}>
      {value}
    </span>
  );
}
