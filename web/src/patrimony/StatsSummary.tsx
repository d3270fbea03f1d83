import { useTranslation } from 'react-i18next';
import type { PatrimonyStats } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';

const KEY_FIGURES = ['residences', 'buildings', 'entrances', 'dwellings', 'communes', 'agencies'] as const;

export function StatsSummary({ stats }: { stats: PatrimonyStats }) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  return (
    <dl className="key-figures">
      {KEY_FIGURES.map((key) => (
        <div key={key} className="key-figure" data-testid={`stat-${key}`}>
          <dt>{t(`stats.${key}`)}</dt>
          <dd>{formatNumber(stats[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
