import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { getJson } from '../shared/api.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { LoginRefused, signIn, type Credentials, type LoginSettings } from './api.js';
import { DemoAccounts } from './DemoAccounts.js';
import { PASSWORD_PATH, safeReturn, withReturn } from './paths.js';
import { useSession } from './SessionContext.js';

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('access.login.title'));
  const [params] = useSearchParams();
  const retour = safeReturn(params.get('retour'));
  const { current } = useSession();
  const [settings, setSettings] = useState<LoginSettings | null>(null);
  useEffect(() => void getJson<LoginSettings>('/api/settings').then(setSettings, () => setSettings(null)), []);
  if (current.state === 'signed-in') return <Navigate to={retour} replace />;
  return (
    <div className="login">
      <h1>{t('access.login.title')}</h1>
      <p className="lead">{t('access.login.intro')}</p>
      {params.get('erreur') && <p role="alert" className="alert">{t(`access.sso.errors.${params.get('erreur')}`, { defaultValue: t('access.sso.errors.failed') })}</p>}
      <LoginForm retour={retour} />
      {settings?.singleSignOn && (
        <p className="login__sso">
          <a className="button button--secondary" href={`/api/auth/oidc/start?retour=${encodeURIComponent(retour)}`}>{t('access.sso.button')}</a>
        </p>
      )}
      {settings?.demo && <DemoAccounts demo={settings.demo} />}
    </div>
  );
}

function LoginForm({ retour }: { retour: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const [credentials, setCredentials] = useState<Credentials>({ email: '', password: '' });
  const [askOrganisation, setAskOrganisation] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), password: useId(), organisation: useId() };
  const alertRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => alertRef.current?.focus(), [refusal]);
  const set = (field: keyof Credentials) => (event: { target: { value: string } }) => setCredentials((previous) => ({ ...previous, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      const session = await signIn(askOrganisation ? credentials : { email: credentials.email, password: credentials.password });
      signedIn(session);
      navigate(session.mustChangePassword ? withReturn(PASSWORD_PATH, retour) : retour, { replace: true });
    } catch (error) {
      if (error instanceof LoginRefused && error.errors.some((e) => e.field === 'organisation')) setAskOrganisation(true);
      setRefusal(refusalMessage(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login__form card" onSubmit={(event) => void submit(event)} noValidate>
      {refusal && <p role="alert" className="alert" tabIndex={-1} ref={alertRef} data-testid="login-refusal">{refusal}</p>}
      <div className="field">
        <label htmlFor={ids.email}>{t('access.login.email')}</label>
        <input id={ids.email} name="email" type="email" autoComplete="username" required value={credentials.email} onChange={set('email')} />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('access.login.password')}</label>
        <input id={ids.password} name="password" type="password" autoComplete="current-password" required value={credentials.password} onChange={set('password')} />
      </div>
      {askOrganisation && (
        <div className="field">
          <label htmlFor={ids.organisation}>{t('access.login.organisation')}</label>
          <p className="field__hint" id={`${ids.organisation}-hint`}>{t('access.login.organisationHint')}</p>
          <input id={ids.organisation} name="organisation" inputMode="numeric" pattern="[0-9]{9}" aria-describedby={`${ids.organisation}-hint`} required value={credentials.organisation ?? ''} onChange={set('organisation')} />
        </div>
      )}
      <button type="submit" className="button" disabled={busy}>{t('access.login.submit')}</button>
    </form>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function refusalMessage(error: unknown, t: Translate): string {
  if (!(error instanceof LoginRefused)) return t('access.login.unavailable', { detail: String(error) });
  const seconds = error.retryAfterSeconds;
  switch (error.status) {
    case 401: return t('access.login.wrong');
    case 423: return t('access.login.locked', { count: Math.max(1, Math.ceil(seconds / 60)) });
    case 429: return seconds >= 60 ? t('access.login.tooManyMinutes', { count: Math.ceil(seconds / 60) }) : t('access.login.tooManySeconds', { count: Math.max(1, seconds) });
    case 400: return error.errors.some((e) => e.field === 'organisation') ? t('access.login.organisationNeeded') : t('access.login.invalid');
    default: return t('access.login.unavailable', { detail: error.message });
  }
}
