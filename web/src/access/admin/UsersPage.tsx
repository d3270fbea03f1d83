import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shared/api.js';
import { RemoteView } from '../../shared/RemoteView.js';
import { useDocumentTitle } from '../../shared/useDocumentTitle.js';
import { AdminNav } from './AdminNav.js';
import { AccountsTable } from './AccountsTable.js';
import type { Account, Place } from './api.js';
import { NewAccountForm } from './NewAccountForm.js';

/** A one-time password just made, for the account it opens. */
export interface Revealed {
  displayName: string;
  email: string;
  oneTimePassword: string;
}

/** Accounts of the organisation: who holds which role over which perimeter; create, disable, reset. */
export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('access.admin.users.title'));
  const [accounts, reload] = useResource<Account[]>('/api/users');
  const [places] = useResource<Place[]>('/api/users/perimeter-options');
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const reveal = (shown: Revealed) => {
    setRevealed(shown);
    reload();
  };
  return (
    <>
      <AdminNav />
      <h1>{t('access.admin.users.title')}</h1>
      <p className="lead">{t('access.admin.users.intro')}</p>
      {revealed && <OneTimePasswordNotice revealed={revealed} onClose={() => setRevealed(null)} />}
      <section aria-labelledby="new-account-title" className="admin-section">
        <h2 id="new-account-title">{t('access.admin.users.newTitle')}</h2>
        <RemoteView remote={places}>{(options) => <NewAccountForm places={options} onCreated={reveal} />}</RemoteView>
      </section>
      <section aria-labelledby="accounts-title" className="admin-section">
        <h2 id="accounts-title">{t('access.admin.users.listTitle')}</h2>
        <RemoteView remote={accounts}>{(list) => <AccountsTable accounts={list} onChanged={reload} onReset={reveal} />}</RemoteView>
      </section>
    </>
  );
}

/** Shown once: the server keeps only its hash, so the administrator passes it on now. */
function OneTimePasswordNotice({ revealed, onClose }: { revealed: Revealed; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice admin-password" role="status" data-testid="one-time-password">
      <p>{t('access.admin.users.passwordFor', { name: revealed.displayName, email: revealed.email })}</p>
      <p><code className="admin-password__value">{revealed.oneTimePassword}</code></p>
      <p>{t('access.admin.users.passwordOnce')}</p>
      <button type="button" className="button button--secondary" onClick={onClose}>{t('access.admin.users.passwordDone')}</button>
    </div>
  );
}
