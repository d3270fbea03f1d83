import { useTranslation } from 'react-i18next';
import { ScrollRegion } from './ScrollRegion.js';
import type { OperationDetail } from './api.js';
import { labelIn } from './labels.js';
import { formatCents } from './money.js';

/** Who moved each financing line from one status to another, and when (oldest first). */
export function StatusHistory({ changes }: { changes: OperationDetail['statusChanges'] }) {
  const { t, i18n } = useTranslation();
  const labels = labelIn(i18n.language);
  if (changes.length === 0) return null;
  const status = (value: (typeof changes)[number]['fromStatus']) => (value ? labels.status(value) : '—');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (
    <>
      <h2>{t('renovation.financing.history')}</h2>
      <ScrollRegion label={t('renovation.financing.history')}>
        <table className="table" data-testid="financing-history">
          <thead>
            <tr>
              <th scope="col">{t('renovation.financing.historyWhen')}</th>
              <th scope="col">{t('renovation.financing.source')}</th>
              <th scope="col" className="numeric">{t('renovation.financing.amount')}</th>
              <th scope="col">{t('renovation.financing.historyChange')}</th>
              <th scope="col">{t('renovation.financing.historyBy')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change, index) => (
              <tr key={index}>
                <td>{when.format(new Date(change.changedAt))}</td>
                <th scope="row">{labels.source(change.source)}</th>
                <td className="numeric">{formatCents(change.amountCents, i18n.language)}</td>
                <td>{status(change.fromStatus)} → {status(change.toStatus)}</td>
                <td>{change.changedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
