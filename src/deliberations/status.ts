/**
 * Pure: whether an item may leave the draft state. A draft may break every rule; an item marked
 * adopted, rejected or transmitted must pass the domain's rules (session-level and its own) and
 * its computed result must match the status.
 */
import { checkSession } from './domain/check.js';
import { error, type Finding } from './domain/findings.js';
import type { SessionFile } from './domain/model.js';
import { SOURCES } from './domain/sources.js';
import { itemContext, tally, voteCounts, voteResult } from './domain/tally.js';
import type { ItemStatus } from './schemas.js';

/** The findings of the item of rank `rank`, with the session's own findings. */
export function itemFindings(file: SessionFile, rank: number): Finding[] {
  return checkSession(file).filter((f) => f.item === undefined || f.item === rank);
}

export function computedOutcome(file: SessionFile, rank: number): 'adopted' | 'rejected' | 'undetermined' {
  const ctx = itemContext(file, file.items.find((i) => i.rank === rank)!);
  const t = tally(ctx);
  return voteResult(voteCounts(ctx, t.voters), t.voters, ctx.instance, ctx.item.nature).outcome;
}

/** The errors that forbid `status` for the item of rank `rank`; empty when allowed. */
export function statusBlockers(file: SessionFile, rank: number, status: ItemStatus): Finding[] {
  if (status === 'draft') return [];
  const errors = itemFindings(file, rank).filter((f) => f.severity === 'error');
  if (errors.length > 0) return errors;
  const outcome = computedOutcome(file, rank);
  const expected = status === 'rejected' ? 'rejected' : 'adopted';
  if (outcome === expected) return [];
  const said = { adopted: 'adoptée', rejected: 'rejetée', undetermined: 'indéterminée' }[outcome];
  return [error('STATUS_CONTRADICTS_VOTE', `Le décompte des votes donne une décision ${said} : le point ne peut être marqué « ${status} ».`, SOURCES.cchR421_13Majority, rank)];
}
