import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../SessionContext.js';
import { ProblemAlert } from '../../shared/ProblemAlert.js';
import { disableAccount, resetAccountPassword, type Account } from './api.js';
import type { Revealed } from './UsersPage.js';

interface AccountsTableProps {
  accounts: Account[];
  onChanged: () => void;
  onReset: (revealed: Revealed) => void;
}

/** One row per account: role and perimeter, state, and what the administrator may do to it. */
export function AccountsTable({ accounts, onChanged, onReset }: AccountsTableProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const { current } = useSession();
  const ownId = current.state === 'signed-in' ? current.session.user.id : null;
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    }
  };
  const disable = (account: Account) => act(async () => {
    if (!window.confirm(t('access.admin.users.confirmDisable', { name: account.displayName }))) return;
    await disableAccount(account.id);
    onChanged();
  });
  const reset = (account: Account) => act(async () => {
    const { oneTimePassword } = await resetAccountPassword(account.id);
    onReset({ displayName: account.displayName, email: account.email, oneTimePassword });
  });

  return (
    <>
      <ProblemAlert error={error} />
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="table" data-testid="accounts">
          <caption id={captionId} className="visually-hidden">{t('access.admin.users.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('access.admin.users.name')}</th>
              <th scope="col">{t('access.admin.users.email')}</th>
              <th scope="col">{t('access.admin.users.rolePerimeter')}</th>
              <th scope="col">{t('access.admin.users.state')}</th>
              <th scope="col">{t('access.admin.users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id} data-testid="account" data-email={account.email}>
                <th scope="row">{account.displayName}</th>
                <td>{account.email}</td>
                <td className="wrap">
                  {account.grants.map((grant) => (
                    <span key={grant.role} className="admin-grant">
                      {t(`access.roles.${grant.role}`)} — {grant.wholeOrganisation ? t('access.admin.users.everywhere') : grant.places.map((place) => place.name).join(', ')}
                    </span>
                  ))}
                </td>
                <td className="wrap">{stateOf(account).map((state) => t(`access.admin.users.states.${state}`)).join(' · ')}</td>
                <td>
                  {account.id === ownId && <span className="field__hint">{t('access.admin.users.you')}</span>}
                  {account.id !== ownId && !account.disabled && (
                    <span className="admin-actions">
                      <button type="button" className="button button--secondary" onClick={() => void reset(account)} aria-label={t('access.admin.users.resetFor', { name: account.displayName })}>
                        {t('access.admin.users.reset')}
                      </button>
                      <button type="button" className="button button--secondary" onClick={() => void disable(account)} aria-label={t('access.admin.users.disableFor', { name: account.displayName })}>
                        {t('access.admin.users.disable')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function stateOf(account: Account): string[] {
  if (account.disabled) return ['disabled'];
  const states = ['active'];
  if (account.locked) states.push('locked');
  if (account.mustChangePassword) states.push('provisional');
  return states;
}
