import * as client from 'openid-client';
import type { OidcConfig } from '../../core/config.js';

/** What Vigie keeps between sending the browser to the provider and its return (in a cookie). */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** The page of Vigie to open afterwards. */
  retour: string;
}

/** Who the provider says signed in. */
export interface DirectoryIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const discovered = new Map<string, Promise<client.Configuration>>();

/** The provider's metadata, fetched once per issuer and client (again after a failure). */
function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer} ${oidc.clientId}`;
  let configuration = discovered.get(key);
  if (!configuration) {
    const issuer = new URL(oidc.issuer);
    // Plain http only for a provider on this machine (a developer's Keycloak, the tests).
    const execute = issuer.protocol === 'http:' && LOOPBACK.includes(issuer.hostname) ? [client.allowInsecureRequests] : [];
    configuration = client.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, { execute });
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, configuration);
  }
  return configuration;
}

/** The provider's authorization URL (code flow with PKCE, state and nonce) and what to remember. */
export async function beginSignIn(oidc: OidcConfig, redirectUri: string, retour: string): Promise<{ url: URL; pending: PendingSignIn }> {
  const configuration = await providerConfiguration(oidc);
  const pending = { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), retour };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

/**
 * Exchanges the code the provider returned (checking state, PKCE and the ID token's nonce) and
 * reads the email: from the ID token, or from the userinfo endpoint when the token omits it.
 */
export async function completeSignIn(oidc: OidcConfig, callbackUrl: URL, pending: PendingSignIn): Promise<DirectoryIdentity> {
  const configuration = await providerConfiguration(oidc);
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  const source = claims.email === undefined ? await client.fetchUserInfo(configuration, tokens.access_token, claims.sub) : claims;
  return {
    subject: claims.sub,
    email: typeof source.email === 'string' ? source.email.toLowerCase() : undefined,
    emailVerified: source.email_verified === true,
  };
}
