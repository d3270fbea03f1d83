import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_PERIMETER, ROLES, type Role } from '../../../../src/access/domain/roles.js';
import { ProblemAlert } from '../../shared/ProblemAlert.js';
import { createAccount, type Place } from './api.js';
import type { Revealed } from './UsersPage.js';

/** The kind of place each perimeter kind is made of; roles spanning the organisation choose none. */
const PLACE_KIND = { agencies: 'agency', directorates: 'directorate', communes: 'commune', organisation: null } as const;

/** Name, email, role, and the perimeter the role needs, chosen among the patrimony's places. */
export function NewAccountForm({ places, onCreated }: { places: Place[]; onCreated: (revealed: Revealed) => void }) {
  const { t } = useTranslation();
  const ids = { name: useId(), email: useId(), role: useId() };
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const perimeter = ROLE_PERIMETER[role];
  const kind = PLACE_KIND[perimeter];
  const choices = places.filter((place) => place.kind === kind);

  const changeRole = (next: Role) => {
    setRole(next);
    if (PLACE_KIND[ROLE_PERIMETER[next]] !== kind) setChosen([]);
  };
  const toggle = (code: string, on: boolean) => setChosen((previous) => (on ? [...previous, code] : previous.filter((item) => item !== code)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const codes = (of: typeof perimeter) => (perimeter === of ? chosen : []);
    try {
      const created = await createAccount({ email, displayName, role, agencies: codes('agencies'), directorates: codes('directorates'), communes: codes('communes') });
      onCreated({ displayName: created.displayName, email: created.email, oneTimePassword: created.oneTimePassword });
      setDisplayName('');
      setEmail('');
      setChosen([]);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="admin-form__row">
        <div className="field">
          <label htmlFor={ids.name}>{t('access.admin.users.name')}</label>
          <input id={ids.name} required maxLength={200} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t('access.admin.users.email')}</label>
          <input id={ids.email} type="email" required autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('access.admin.users.role')}</label>
          <select id={ids.role} value={role} onChange={(event) => changeRole(event.target.value as Role)}>
            {ROLES.map((option) => <option key={option} value={option}>{t(`access.roles.${option}`)}</option>)}
          </select>
        </div>
      </div>
      {kind === null ? (
        <p className="field__hint">{t('access.admin.users.wholeOrganisation')}</p>
      ) : (
        <fieldset className="admin-form__places">
          <legend>{t(`access.admin.users.perimeter.${perimeter}`)}</legend>
          {choices.length === 0 && <p>{t('access.admin.users.noPlace')}</p>}
          {choices.map((place) => (
            <label key={place.code} className="admin-form__check">
              <input type="checkbox" checked={chosen.includes(place.code)} onChange={(event) => toggle(place.code, event.target.checked)} />
              {place.name} <span className="field__hint">({place.code})</span>
            </label>
          ))}
        </fieldset>
      )}
      <ProblemAlert error={error} />
      <div><button type="submit" className="button">{t('access.admin.users.create')}</button></div>
    </form>
  );
}
