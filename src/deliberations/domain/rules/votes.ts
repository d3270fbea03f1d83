/** The vote of one item: counts that add up, ballots from entitled members, result from the majority rule. */
import { error, warning, type Finding } from '../findings.js';
import { SOURCES } from '../sources.js';
import { voteCounts, voteResult, type ItemContext, type Tally } from '../tally.js';

export function checkVoteTotal(ctx: ItemContext, t: Tally): Finding[] {
  const c = voteCounts(ctx, t.voters);
  const total = c.for + c.against + c.abstentions + c.notVoting;
  if (total === t.voters) return [];
  return [
    error(
      'VOTE_TOTAL_MISMATCH',
      `Les votes ne tombent pas juste : ${c.for} pour + ${c.against} contre + ${c.abstentions} abstentions + ${c.notVoting} ne prenant pas part = ${total}, pour ${t.present.length} présents et ${t.validProxies.length} pouvoirs valables (${t.voters}).`,
      SOURCES.minutes,
      ctx.item.rank,
    ),
  ];
}

/** Per-member ballots: once each, only from members present or validly represented for this item. */
export function checkBallots(ctx: ItemContext, t: Tally): Finding[] {
  const { vote, rank } = ctx.item;
  if (vote.kind !== 'per_member') return [];
  const entitled = new Set([...t.present.map((m) => m.id), ...t.validProxies.map((p) => p.giver.id)]);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const ballot of vote.ballots) {
    if (seen.has(ballot.member)) findings.push(error('BALLOT_DUPLICATE', `Vote de « ${ballot.member} » enregistré plusieurs fois.`, SOURCES.minutes, rank));
    else if (!entitled.has(ballot.member)) findings.push(error('BALLOT_NOT_ENTITLED', `Vote de « ${ballot.member} », qui n’est ni présent ni valablement représenté pour ce point.`, SOURCES.minutes, rank));
    seen.add(ballot.member);
  }
  for (const id of entitled) {
    if (!seen.has(id)) findings.push(error('BALLOT_MISSING', `Aucun vote enregistré pour « ${id} », présent ou représenté.`, SOURCES.minutes, rank));
  }
  return findings;
}

const twoThirds = (nature: ItemContext['item']['nature']) => (nature === 'director_general' ? ' (deux tiers requis pour le directeur général)' : '');

const DECLARED_LABELS = { adopted_unanimously: 'adoptée à l’unanimité', adopted: 'adoptée', rejected: 'rejetée' } as const;

export function checkResult(ctx: ItemContext, t: Tally): Finding[] {
  const { rank, declaredResult, nature } = ctx.item;
  const source = nature === 'director_general' ? SOURCES.cchR421_13DirectorGeneral : SOURCES.cchR421_13Majority;
  const counts = voteCounts(ctx, t.voters);
  const result = voteResult(counts, t.voters, ctx.instance, ctx.item.nature);
  if (result.outcome === 'undetermined') {
    return [error('VOTE_TIE_UNRESOLVED', `Partage égal des voix (${counts.for} pour, ${counts.against} contre) sans vote du président connu : la voix prépondérante ne peut être appliquée.`, SOURCES.cchR421_13Majority, rank)];
  }
  const findings: Finding[] = [];
  if (result.byCastingVote) {
    findings.push(warning('VOTE_CASTING_VOTE', `Partage égal des voix : la voix prépondérante du président emporte la décision (${result.outcome === 'adopted' ? 'adoptée' : 'rejetée'}).`, SOURCES.cchR421_13Majority, rank));
  }
  if (declaredResult === 'adopted_unanimously' && !result.unanimous) {
    findings.push(error('VOTE_UNANIMITY_CONTRADICTED', `Unanimité déclarée, mais ${counts.against} vote(s) contre et ${counts.abstentions} abstention(s) parmi les votants.`, SOURCES.minutes, rank));
  }
  const declaredAdopted = declaredResult === 'adopted' || declaredResult === 'adopted_unanimously';
  if (declaredResult !== undefined && declaredAdopted !== (result.outcome === 'adopted')) {
    findings.push(error('VOTE_RESULT_CONTRADICTED', `Décision déclarée ${DECLARED_LABELS[declaredResult]}, mais le décompte (${counts.for} pour, ${counts.against} contre, ${counts.abstentions} abstentions sur ${t.voters}) donne : ${result.outcome === 'adopted' ? 'adoptée' : 'rejetée'}${twoThirds(nature)}.`, source, rank));
  }
  if (declaredResult === undefined && result.outcome === 'rejected') {
    findings.push(warning('VOTE_REJECTED', `D’après le décompte (${counts.for} pour sur ${t.voters}), la délibération est rejetée${twoThirds(nature)}.`, source, rank));
  }
  return findings;
}
