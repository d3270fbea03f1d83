import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatNumber } from '../shared/format.js';
import { uploadOperations, type ImportProblem, type OperationImportResult } from './api.js';

/**
 * Uploads a file of planned operations (CSV or XLSX). The import is all or nothing: a refusal
 * lists every bad line with its column, as the API reports them, and nothing is written.
 */
export function OperationsImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OperationImportResult | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setResult(null);
    if (!file) {
      setProblem({ status: 400, detail: t('renovation.import.noFile'), errors: [] });
      return;
    }
    setBusy(true);
    const answer = await uploadOperations(file);
    setBusy(false);
    if ('detail' in answer) {
      setProblem(answer);
      return;
    }
    setProblem(null);
    setResult(answer);
    onImported();
  };

  return (
    <form className="renovation-form" onSubmit={submit} noValidate aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('renovation.import.title')}</h2>
      <div>
        <label htmlFor={inputId}>{t('renovation.import.file')}</label>
        <input id={inputId} ref={input} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={hintId} disabled={busy} />
        <p id={hintId} className="hint">{t('renovation.import.hint')}</p>
      </div>
      <div className="renovation-actions">
        <button type="submit" className="button" disabled={busy}>{busy ? t('renovation.import.sending') : t('renovation.import.submit')}</button>
      </div>
      {result && (
        <p role="status" className="success">
          {t('renovation.import.done', { count: result.operations, formatted: formatNumber(result.operations), created: formatNumber(result.created), updated: formatNumber(result.updated) })}
        </p>
      )}
      {problem && <ImportErrors problem={problem} />}
    </form>
  );
}

function ImportErrors({ problem }: { problem: ImportProblem }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div role="alert" className="alert" data-testid="import-refusal">
      <p>{problem.detail}</p>
      {problem.errors.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="table">
            <caption id={captionId}>{t('renovation.import.errorsCaption', { count: problem.errors.length })}</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">{t('renovation.import.line')}</th>
                <th scope="col">{t('renovation.import.column')}</th>
                <th scope="col">{t('renovation.import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problem.errors.map((error, index) => (
                <tr key={index}>
                  <td className="numeric">{error.line ?? t('common.none')}</td>
                  <td><code>{error.field}</code></td>
                  <td className="wrap">{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
