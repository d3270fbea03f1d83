import { useTranslation } from 'react-i18next';
import type { LoginSettings } from './api.js';

/** Only on a demonstration database: one account per role, to try what each one sees. */
export function DemoAccounts({ demo }: { demo: NonNullable<LoginSettings['demo']> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="demo-accounts" className="login__demo" data-testid="demo-accounts">
      <h2 id="demo-accounts">{t('access.demo.title')}</h2>
      <p>{t('access.demo.intro')} <strong>{t('access.demo.password')}</strong> <code data-testid="demo-password">{demo.password}</code></p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="demo-accounts">
        <table className="table">
          <caption className="visually-hidden">{t('access.demo.title')}</caption>
          <thead><tr><th scope="col">{t('access.demo.email')}</th><th scope="col">{t('access.demo.role')}</th><th scope="col">{t('access.demo.who')}</th></tr></thead>
          <tbody>
            {demo.accounts.map((account) => (
              <tr key={account.email}>
                <th scope="row"><code>{account.email}</code></th>
                <td>{t(`access.roles.${account.role}`)}</td>
                <td className="wrap">{account.displayName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
