import { requireAccess } from '../access/authorize.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';

/**
 * The register belongs to the landlord as a whole, not to a place: its decisions are published
 * acts, so any role carrying `read_deliberations` reads all of it (a territorial director
 * included), while writing needs `manage_deliberations` over the whole organisation.
 */
export const requireRead = (db: Queryable, actor: Actor) => requireAccess(db, actor, 'read_deliberations');

export const requireManage = (db: Queryable, actor: Actor) => requireAccess(db, actor, 'manage_deliberations', { kind: 'organisation' });
