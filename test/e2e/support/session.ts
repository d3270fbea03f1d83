import type { BrowserContext } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../src/access/demo/users.js';

/** The demo account of a role: journeys act as the people who do the work. */
export function demoAccount(role: (typeof DEMO_ACCOUNTS)[number]['role']): string {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account.email;
}

/** Signs the browser context in through the API: its pages then carry the session cookie. */
export async function signInContext(context: BrowserContext, email: string): Promise<void> {
  const response = await context.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  if (!response.ok()) throw new Error(`sign-in of ${email} failed: ${response.status()} ${await response.text()}`);
}

export type ApiCall = <T>(apiPath: string, init?: RequestInit) => Promise<T>;

/** JSON requests from the test itself, signed in as `email` (with the CSRF token for writes). */
export async function signedInApi(baseUrl: string, email: string): Promise<ApiCall> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in of ${email} failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  return async <T>(apiPath: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}${apiPath}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie, 'x-csrf-token': csrfToken } });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${apiPath}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
