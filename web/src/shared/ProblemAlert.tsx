import { useTranslation } from 'react-i18next';
import { ProblemError } from './api.js';

/** A refused write, with each field or rule the API named. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ProblemError ? error : null;
  return (
    <div role="alert" className="alert">
      <p>{t('common.refused', { detail: problem?.message ?? String(error) })}</p>
      {problem && problem.errors.length > 0 && (
        <ul>{problem.errors.map((e, i) => <li key={i}><code>{e.field}</code> : {e.message}</li>)}</ul>
      )}
    </div>
  );
}
