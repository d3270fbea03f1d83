import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { ProblemError } from '../shared/api.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { changePassword } from './api.js';
import { safeReturn } from './paths.js';
import { useSession } from './SessionContext.js';

/** Change one's password; an account created with a temporary password lands here first. */
export function PasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('access.password.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { current, signedIn } = useSession();
  const forced = current.state === 'signed-in' && current.session.mustChangePassword;
  const [fields, setFields] = useState({ currentPassword: '', newPassword: '', confirmation: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const ids = { currentPassword: useId(), newPassword: useId(), confirmation: useId() };
  const set = (field: keyof typeof fields) => (event: { target: { value: string } }) => setFields((previous) => ({ ...previous, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (fields.newPassword !== fields.confirmation) {
      setError(new ProblemError(400, t('access.password.mismatch'), [{ field: 'confirmation', message: t('access.password.mismatch') }]));
      return;
    }
    try {
      signedIn(await changePassword(fields.currentPassword, fields.newPassword));
      setFields({ currentPassword: '', newPassword: '', confirmation: '' });
      if (forced) navigate(safeReturn(params.get('retour')), { replace: true });
      else setDone(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="login">
      <h1>{t('access.password.title')}</h1>
      {forced && <p className="alert" role="status">{t('access.password.forced')}</p>}
      <p>{t('access.password.rules')}</p>
      <form className="login__form card" onSubmit={(event) => void submit(event)} noValidate>
        <ProblemAlert error={error} />
        {done && <p role="status" className="notice">{t('access.password.done')}</p>}
        <div className="field">
          <label htmlFor={ids.currentPassword}>{t('access.password.current')}</label>
          <input id={ids.currentPassword} type="password" autoComplete="current-password" required value={fields.currentPassword} onChange={set('currentPassword')} />
        </div>
        <div className="field">
          <label htmlFor={ids.newPassword}>{t('access.password.new')}</label>
          <input id={ids.newPassword} type="password" autoComplete="new-password" required value={fields.newPassword} onChange={set('newPassword')} />
        </div>
        <div className="field">
          <label htmlFor={ids.confirmation}>{t('access.password.confirmation')}</label>
          <input id={ids.confirmation} type="password" autoComplete="new-password" required value={fields.confirmation} onChange={set('confirmation')} />
        </div>
        <button type="submit" className="button">{t('access.password.submit')}</button>
      </form>
    </div>
  );
}
