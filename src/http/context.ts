import type { Database } from '../db/database.js';
import type { Config } from '../core/config.js';

/** Who is calling, as every service sees it. Filled by the access layer. */
export interface Actor {
  organisationId: number;
}

export interface AppEnv {
  Variables: {
    db: Database;
    config: Config;
    actor: Actor;
  };
}
