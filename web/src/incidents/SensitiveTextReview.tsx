import { useTranslation } from 'react-i18next';
import { ProblemError } from '../shared/api.js';

/** The free-text guard's answer: 422, with one error per term or name it found. */
export const isSensitiveTextRefusal = (error: unknown): error is ProblemError => error instanceof ProblemError && error.status === 422;

interface Props {
  refusal: ProblemError;
  busy: boolean;
  /** Back to the text, to rewrite it. */
  onCorrect: () => void;
  /** Sends the same text again, confirmed (the choice is logged by the server). */
  onConfirm: () => void;
}

/** What the guard found in the text, and the user's two ways out. */
export function SensitiveTextReview({ refusal, busy, onCorrect, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert incident-sensitive" data-testid="sensitive-text">
      <p><strong>{t('incidents.sensitive.title')}</strong></p>
      <ul>{refusal.errors.map((error, index) => <li key={index}>{error.message}</li>)}</ul>
      <p>{t('incidents.sensitive.explain')}</p>
      <p className="incident-actions">
        <button type="button" className="button" onClick={onCorrect}>{t('incidents.sensitive.correct')}</button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onConfirm}>{t('incidents.sensitive.confirm')}</button>
      </p>
    </div>
  );
}
