import { useTranslation } from 'react-i18next';
import type { Check } from './api.js';

/** The rules' findings for an item: errors block adoption, warnings explain; each cites its source. */
export function Findings({ check }: { check: Check }) {
  const { t } = useTranslation();
  return (
    <div data-testid="findings">
      {check.valid ? <p className="finding finding--ok" role="status">{t('deliberations.item.valid')}</p> : (
        <>
          <h3>{t('deliberations.item.errors', { count: check.errors.length })}</h3>
          <ul className="findings">{check.errors.map((f, i) => <FindingLine key={i} finding={f} />)}</ul>
        </>
      )}
      {check.warnings.length > 0 && (
        <>
          <h3>{t('deliberations.item.warnings', { count: check.warnings.length })}</h3>
          <ul className="findings">{check.warnings.map((f, i) => <FindingLine key={i} finding={f} />)}</ul>
        </>
      )}
    </div>
  );
}

function FindingLine({ finding }: { finding: Check['errors'][number] }) {
  const { t } = useTranslation();
  return (
    <li className={`finding finding--${finding.severity}`} data-code={finding.code}>
      <strong>{finding.code}</strong> — <span lang="fr">{finding.message}</span>
      <br /><small>{t('deliberations.item.source', { label: finding.source.label })}</small>
    </li>
  );
}
