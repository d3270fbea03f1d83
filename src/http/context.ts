import type { Database } from '../db/database.js';
import type { Config } from '../core/config.js';
import type { Grant } from '../access/domain/perimeter.js';

/** Who is calling, as every service sees it. Filled by the access layer. */
export interface Actor {
  organisationId: number;
  /** The signed-in account; absent for the legacy anonymous actor (denied by `authorize`). */
  userId?: number;
  /** How the audit log names the caller (the account's email). */
  label?: string;
  /** Roles with their perimeters, loaded once per request. */
  grants?: readonly Grant[];
}

export interface AppEnv {
  Variables: {
    db: Database;
    config: Config;
    actor: Actor;
  };
}
