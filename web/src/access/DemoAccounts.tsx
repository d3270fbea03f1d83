import { useTranslation } from 'react-i18next';
import type { LoginSettings } from './api.js';

/** Only on a demonstration database: one account per role, to try what each one sees. */
export function DemoAccounts({ demo }: { demo: NonNullable<LoginSettings['demo']> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="demo-accounts" className="login__demo" data-testid="demo-accounts">
      <h2 id="demo-accounts">{t('access.demo.title')}</h2>
      <p>{t('access.demo.intro')} <strong>{t('access.demo.password')}</strong> <code data-testid="demo-password">{demo.password}</code></p>
      <ul className="demo-accounts">
        {demo.accounts.map((account) => (
          <li key={account.email}>
            <code>{account.email}</code>
            <span>{t(`access.roles.${account.role}`)} — {account.displayName}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
