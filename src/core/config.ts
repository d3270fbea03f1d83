import path from 'node:path';

/** Runtime settings, read once from the environment (the only place that reads it). */
export interface Config {
  /** postgres://… selects the PostgreSQL server; undefined selects embedded PGlite. */
  databaseUrl: string | undefined;
  /** Folder where the embedded database persists. */
  dataDir: string;
  port: number;
  /** Optional raster basemap (e.g. IGN Plan) shown under Vigie's own layers. */
  basemapUrl: string | undefined;
  /** Single sign-on with the organisation's OpenID Connect provider; undefined when not configured. */
  oidc: OidcConfig | undefined;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Where the provider sends the browser back; by default /api/auth/oidc/callback on the request's origin. */
  redirectUri: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number, got "${env.PORT}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.VIGIE_DATA_DIR ?? 'data'),
    port,
    basemapUrl: env.VIGIE_BASEMAP_URL || undefined,
    oidc: readOidc(env),
  };
}

function readOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.VIGIE_OIDC_ISSUER || undefined;
  const clientId = env.VIGIE_OIDC_CLIENT_ID || undefined;
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new Error('VIGIE_OIDC_ISSUER and VIGIE_OIDC_CLIENT_ID go together (single sign-on)');
  return { issuer, clientId, clientSecret: env.VIGIE_OIDC_CLIENT_SECRET || undefined, redirectUri: env.VIGIE_OIDC_REDIRECT_URI || undefined };
}
