/** Runs every rule on a session: session-level rules first, then each item in rank order. */
import { error, type Finding } from './findings.js';
import type { SessionFile } from './model.js';
import { checkActNumber, checkBureauDelegation, checkTransmissionDates } from './rules/acts.js';
import { checkOverrides, checkProxies, checkProxyLimitUnknown, checkQuorum, checkRemoteAttendance, checkRemoteOnAccounts, checkStandAsides } from './rules/attendance.js';
import { checkConvocation, checkPresidentPresent, checkRosterMembership, checkRosterSeats, checkRosterUniqueness } from './rules/roster.js';
import { checkBallots, checkResult, checkVoteTotal } from './rules/votes.js';
import { checkScdlRow, toScdlRow } from './scdl.js';
import { SOURCES } from './sources.js';
import { itemContext, tally, type ItemContext, type Tally } from './tally.js';

type SessionRule = (file: SessionFile) => Finding[];
type ItemRule = (ctx: ItemContext, t: Tally) => Finding[];

const SESSION_RULES: SessionRule[] = [checkRosterUniqueness, checkRosterMembership, checkRosterSeats, checkPresidentPresent, checkConvocation, checkDuplicateItems];

const ITEM_RULES: ItemRule[] = [
  checkOverrides,
  checkStandAsides,
  checkRemoteAttendance,
  checkRemoteOnAccounts,
  checkProxies,
  checkProxyLimitUnknown,
  checkQuorum,
  checkBallots,
  checkVoteTotal,
  checkResult,
  checkBureauDelegation,
  checkActNumber,
  checkTransmissionDates,
  checkScdl,
];

function checkDuplicateItems(file: SessionFile): Finding[] {
  const findings: Finding[] = [];
  const duplicates = (values: (string | number)[]) => values.filter((v, i) => values.indexOf(v) !== i);
  for (const rank of new Set(duplicates(file.items.map((i) => i.rank)))) {
    findings.push(error('ITEM_RANK_DUPLICATE', `Plusieurs points portent le rang ${rank}.`, SOURCES.minutes));
  }
  for (const act of new Set(duplicates(file.items.map((i) => i.actNumber)))) {
    findings.push(error('ACT_NUMBER_DUPLICATE', `Plusieurs points portent le numéro d’acte « ${act} ».`, SOURCES.actes));
  }
  return findings;
}

/** The SCDL row is checked only for items that carry their ACTES matter (those meant for export). */
function checkScdl(ctx: ItemContext, t: Tally): Finding[] {
  if (!ctx.item.matter) return [];
  return checkScdlRow(toScdlRow(ctx, t)).map((f) => ({ ...f, item: ctx.item.rank }));
}

export function checkSession(file: SessionFile): Finding[] {
  const findings = SESSION_RULES.flatMap((rule) => rule(file));
  const items = [...file.items].sort((a, b) => a.rank - b.rank);
  for (const item of items) {
    const ctx = itemContext(file, item);
    const t = tally(ctx);
    findings.push(...ITEM_RULES.flatMap((rule) => rule(ctx, t)));
  }
  return findings;
}
