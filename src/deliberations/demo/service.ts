import { systemActor } from '../../access/system-actor.js';
import type { Queryable } from '../../db/database.js';
import { importSession } from '../import-service.js';
import { addLink } from '../item-service.js';
import { DEMO_LINKS, demoBoardSessions } from './board.js';

/**
 * Loads the demo board, its Bureau and their year of sessions into an organisation through the
 * session-file import (so idempotent), then links the decisions to what they decided.
 */
export async function loadDemoBoard(db: Queryable, organisationId: number): Promise<{ sessions: number; items: number }> {
  const actor = systemActor(organisationId, 'demo:deliberations');
  const itemIds = new Map<string, number>();
  for (const file of demoBoardSessions()) {
    const result = await importSession(db, actor, file);
    for (const item of result.items) itemIds.set(item.actNumber, item.id);
  }
  for (const { actNumber, ...link } of DEMO_LINKS) {
    await addLink(db, actor, itemIds.get(actNumber)!, link);
  }
  return { sessions: demoBoardSessions().length, items: itemIds.size };
}
