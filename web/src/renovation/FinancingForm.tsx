import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError, sendJson, useApi } from '../shared/api.js';
import type { Convention, FinancingLineInput, OperationDetail } from './api.js';
import { FUNDING_SOURCES, FUNDING_STATUSES, labelIn } from './labels.js';
import { parseEurosToCents } from './money.js';

type Source = FinancingLineInput['source'];
type Status = FinancingLineInput['status'];

const isDepartement = (source: Source) => source === 'departement_investment' || source === 'departement_operating';

/** Adds a financing line; a refusal (an envelope exceeded, a missing convention) is shown as the API words it. */
export function FinancingForm({ operationId, onAdded }: { operationId: number; onAdded: (detail: OperationDetail) => void }) {
  const { t, i18n } = useTranslation();
  const labels = labelIn(i18n.language);
  const conventions = useApi<Convention[]>('/api/renovation/conventions');
  const applications = conventions.state === 'ready' ? conventions.data.filter((convention) => convention.kind === 'application') : [];
  const [source, setSource] = useState<Source>('departement_investment');
  const [status, setStatus] = useState<Status>('committed');
  const [amount, setAmount] = useState('');
  const [conventionId, setConventionId] = useState('');
  const [problem, setProblem] = useState<ProblemError | null>(null);
  const [added, setAdded] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const amountCents = parseEurosToCents(amount);
    if (amountCents === null || amountCents === 0) {
      setProblem(new ProblemError(400, t('renovation.financing.badAmount'), [{ field: 'amountCents', message: t('renovation.financing.badAmount') }]));
      return;
    }
    setBusy(true);
    const chosen = isDepartement(source) ? (conventionId || String(applications[0]?.id ?? '')) : '';
    try {
      const detail = await sendJson<OperationDetail>('POST', `/api/renovation/operations/${operationId}/financing`, {
        source, status, amountCents, conventionId: chosen ? Number(chosen) : null,
      } satisfies FinancingLineInput);
      setProblem(null);
      setAdded(true);
      setAmount('');
      onAdded(detail);
    } catch (error) {
      setProblem(error instanceof ProblemError ? error : new ProblemError(0, String(error), []));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="renovation-form" onSubmit={submit} noValidate aria-labelledby="financing-form-title">
      <h3 id="financing-form-title">{t('renovation.financing.add')}</h3>
      <div className="renovation-form__row">
        <div>
          <label htmlFor="line-source">{t('renovation.financing.source')}</label>
          <select id="line-source" value={source} onChange={(event) => setSource(event.target.value as Source)}>
            {FUNDING_SOURCES.map((value) => <option key={value} value={value}>{labels.source(value)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="line-status">{t('renovation.financing.status')}</label>
          <select id="line-status" value={status} onChange={(event) => setStatus(event.target.value as Status)}>
            {FUNDING_STATUSES.map((value) => <option key={value} value={value}>{labels.status(value)}</option>)}
          </select>
        </div>
      </div>
      <div className="renovation-form__row">
        <div>
          <label htmlFor="line-amount">{t('renovation.financing.amount')} <span className="hint">{t('renovation.financing.amountHint')}</span></label>
          <input id="line-amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)}
            aria-invalid={problem?.errors.some((error) => error.field === 'amountCents') || undefined} aria-describedby={problem ? 'financing-problem' : undefined} />
        </div>
        {isDepartement(source) && (
          <div>
            <label htmlFor="line-convention">{t('renovation.financing.convention')}</label>
            <select id="line-convention" value={conventionId} onChange={(event) => setConventionId(event.target.value)}>
              {applications.map((convention) => <option key={convention.id} value={convention.id}>{convention.name}</option>)}
            </select>
          </div>
        )}
      </div>
      <div className="renovation-actions">
        <button type="submit" className="button" disabled={busy}>{t('renovation.financing.submit')}</button>
      </div>
      {problem && <div role="alert" id="financing-problem" className="alert" data-testid="financing-refusal">{problem.message}</div>}
      {added && <p role="status" className="success">{t('renovation.financing.added')}</p>}
    </form>
  );
}
