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
  };
}
