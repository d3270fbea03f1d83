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
  /** Where attachments (incident photos) are kept: a folder by default, or an S3-compatible bucket. */
  attachments: AttachmentsConfig;
  /** Email notifications (smtp:// or smtps:// URL); undefined turns them off. */
  smtp: SmtpConfig | undefined;
  /** The address users reach the app at, for links in emails. */
  publicUrl: string;
  /** Hours between two runs of the retention purge inside `vigie serve`; 0 turns it off. */
  purgeIntervalHours: number;
  /** Requests a minute each partner API key may make on the Open311 endpoint. */
  open311RequestsPerMinute: number;
}

export type AttachmentsConfig =
  | { kind: 'filesystem'; dir: string }
  | { kind: 's3'; bucket: string; endpoint: string | undefined; region: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean };

export interface SmtpConfig {
  url: string;
  from: string;
}

/** The provider sends the browser back to `${publicUrl}/api/auth/oidc/callback` (register it there). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
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
    attachments: readAttachments(env),
    smtp: env.VIGIE_SMTP_URL ? { url: env.VIGIE_SMTP_URL, from: env.VIGIE_MAIL_FROM || 'Vigie <vigie@localhost>' } : undefined,
    publicUrl: (env.VIGIE_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    purgeIntervalHours: readPurgeInterval(env.VIGIE_PURGE_INTERVAL_HOURS),
    open311RequestsPerMinute: readRate(env.VIGIE_OPEN311_RATE_PER_MINUTE),
  };
}

function readPurgeInterval(text: string | undefined): number {
  const hours = Number(text ?? 24);
  // A timer cannot wait longer than 2^31 ms (about 596 hours).
  if (!Number.isFinite(hours) || hours < 0 || hours > 500) throw new Error(`VIGIE_PURGE_INTERVAL_HOURS must be a number of hours from 0 (off) to 500, got "${text}"`);
  return hours;
}

function readRate(text: string | undefined): number {
  const rate = Number(text ?? 600);
  if (!Number.isInteger(rate) || rate < 1 || rate > 100_000) throw new Error(`VIGIE_OPEN311_RATE_PER_MINUTE must be a whole number of requests from 1 to 100000, got "${text}"`);
  return rate;
}

/** VIGIE_S3_BUCKET selects object storage; otherwise files go under VIGIE_ATTACHMENTS_DIR (default <data>/attachments). */
function readAttachments(env: NodeJS.ProcessEnv): AttachmentsConfig {
  if (!env.VIGIE_S3_BUCKET) {
    return { kind: 'filesystem', dir: path.resolve(env.VIGIE_ATTACHMENTS_DIR || path.join(env.VIGIE_DATA_DIR ?? 'data', 'attachments')) };
  }
  const endpoint = env.VIGIE_S3_ENDPOINT || undefined;
  return {
    kind: 's3',
    bucket: env.VIGIE_S3_BUCKET,
    endpoint,
    region: env.VIGIE_S3_REGION || 'us-east-1',
    accessKeyId: env.VIGIE_S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.VIGIE_S3_SECRET_ACCESS_KEY || undefined,
    // Self-hosted servers (MinIO, Garage…) usually need bucket-in-path addressing.
    forcePathStyle: env.VIGIE_S3_FORCE_PATH_STYLE ? env.VIGIE_S3_FORCE_PATH_STYLE === 'true' : endpoint !== undefined,
  };
}

function readOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.VIGIE_OIDC_ISSUER || undefined;
  const clientId = env.VIGIE_OIDC_CLIENT_ID || undefined;
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new Error('VIGIE_OIDC_ISSUER and VIGIE_OIDC_CLIENT_ID go together (single sign-on)');
  return { issuer, clientId, clientSecret: env.VIGIE_OIDC_CLIENT_SECRET || undefined };
}
