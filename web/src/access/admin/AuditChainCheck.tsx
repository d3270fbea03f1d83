import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { verifyAuditChain, type AuditVerification } from './api.js';

/** Re-computes the organisation's hash chain on demand and says whether any entry was edited or removed. */
export function AuditChainCheck() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ running: boolean; result?: AuditVerification; failure?: string }>({ running: false });
  const verify = async () => {
    setState({ running: true });
    try {
      setState({ running: false, result: await verifyAuditChain() });
    } catch (failure) {
      setState({ running: false, failure: failure instanceof Error ? failure.message : String(failure) });
    }
  };
  const { result } = state;
  return (
    <section aria-labelledby="audit-chain-title" className="admin-section">
      <h2 id="audit-chain-title">{t('access.admin.audit.chainTitle')}</h2>
      <p>{t('access.admin.audit.chainIntro')}</p>
      <button type="button" className="button" disabled={state.running} onClick={() => void verify()}>{t('access.admin.audit.verify')}</button>
      <div aria-live="polite" data-testid="audit-chain">
        {state.failure && <p role="alert" className="alert">{t('common.error', { detail: state.failure })}</p>}
        {result && result.breaks.length === 0 && (
          <div className="notice">
            <p>{t('access.admin.audit.chainSound', { count: result.entries })}</p>
            {result.head && <p>{t('access.admin.audit.chainHead', { seq: result.head.seq })} <code className="admin-hash">{result.head.hash}</code></p>}
          </div>
        )}
        {result && result.breaks.length > 0 && (
          <div className="alert">
            <p>{t('access.admin.audit.chainBroken', { count: result.breaks.length })}</p>
            <ul>{result.breaks.map((item) => <li key={`${item.seq}-${item.reason}`}>{t(`access.admin.audit.reasons.${item.reason}`, { seq: item.seq })}</li>)}</ul>
          </div>
        )}
      </div>
    </section>
  );
}
