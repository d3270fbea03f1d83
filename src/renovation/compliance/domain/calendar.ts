/**
 * The dates from which a dwelling may no longer be let (new lease, renewal or tacit renewal)
 * because of its energy performance.
 *
 * Sources:
 * - Décret n° 2021-19 du 11 janvier 2021 (décence): from 1 January 2023, in mainland France, a
 *   dwelling is decent only if its final energy consumption is below 450 kWhEF per m² per year.
 * - Loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 160, amending art. 6 of loi
 *   n° 89-462 and CCH L.173-2: minimum class F from 1 January 2025, E from 1 January 2028, D from
 *   1 January 2034 in mainland France; in Guadeloupe, Martinique, Guyane, La Réunion and Mayotte,
 *   minimum class F from 1 January 2028 and E from 1 January 2031.
 * Each ban applies when a lease is signed or renewed, not to running leases.
 */
import { DPE_CLASSES, primaryEnergyCeiling, type DpeClass } from '../../dpe/domain/labels.js';

export type Territory = 'mainland' | 'overseas';

/** Overseas departments have INSEE codes starting with 97. */
export const territoryOfCommune = (inseeCode: string): Territory => (inseeCode.startsWith('97') ? 'overseas' : 'mainland');

export type DeadlineRule = { kind: 'final-energy'; limit: number } | { kind: 'label'; worstAllowed: DpeClass };

export interface Deadline {
  id: string;
  territory: Territory;
  /** First day the rule applies to leases signed or renewed. */
  from: string;
  rule: DeadlineRule;
  title: { fr: string; en: string };
}

const labelBan = (territory: Territory, banned: DpeClass, from: string): Deadline => {
  const worstAllowed = DPE_CLASSES[DPE_CLASSES.indexOf(banned) - 1]!;
  const scope = territory === 'mainland' ? { fr: 'métropole', en: 'mainland' } : { fr: 'outre-mer', en: 'overseas' };
  const worst = DPE_CLASSES.slice(DPE_CLASSES.indexOf(banned)).join('/');
  return {
    id: `${territory}-ban-${banned.toLowerCase()}`,
    territory,
    from,
    rule: { kind: 'label', worstAllowed },
    title: { fr: `Interdiction de louer ${worst} (${scope.fr})`, en: `No letting of ${worst} (${scope.en})` },
  };
};

export const DEADLINES: readonly Deadline[] = [
  {
    id: 'mainland-decency-450',
    territory: 'mainland',
    from: '2023-01-01',
    rule: { kind: 'final-energy', limit: 450 },
    title: { fr: 'Décence : énergie finale < 450 kWh/m²/an (métropole)', en: 'Decency: final energy < 450 kWh/m²/yr (mainland)' },
  },
  labelBan('mainland', 'G', '2025-01-01'),
  labelBan('mainland', 'F', '2028-01-01'),
  labelBan('mainland', 'E', '2034-01-01'),
  labelBan('overseas', 'G', '2028-01-01'),
  labelBan('overseas', 'F', '2031-01-01'),
];

/** A dwelling's known energy performance; every figure null when it has no valid DPE. */
export interface DwellingEnergy {
  dwellingId: number;
  territory: Territory;
  label: DpeClass | null;
  primaryEnergy: number | null;
  finalEnergy: number | null;
}

const rank = (label: DpeClass) => DPE_CLASSES.indexOf(label);

/** Whether the dwelling breaks the rule: null when its DPE does not tell. */
export function breaches(rule: DeadlineRule, dwelling: DwellingEnergy): boolean | null {
  if (dwelling.label === null) return null;
  if (rule.kind === 'label') return rank(dwelling.label) > rank(rule.worstAllowed);
  if (dwelling.finalEnergy !== null) return dwelling.finalEnergy >= rule.limit;
  // Final energy never exceeds primary energy (every conversion factor is at least 1), and a class
  // caps primary energy: A to C stay under 386 kWhEP/m²/yr even for the smallest dwellings.
  if (dwelling.primaryEnergy !== null) return dwelling.primaryEnergy < rule.limit ? false : null;
  return primaryEnergyCeiling(dwelling.label) <= rule.limit ? false : null;
}

/**
 * Whether a renovation reaching `target` satisfies the rule. For the 450 kWhEF rule we take any
 * class better than G as enough: the target of an operation is a class, not a consumption.
 */
export function targetSatisfies(rule: DeadlineRule, target: DpeClass): boolean {
  return rule.kind === 'label' ? rank(target) <= rank(rule.worstAllowed) : target !== 'G';
}

/** The label bans in force on `date` for a territory. */
export const bansInForce = (territory: Territory, date: string) =>
  DEADLINES.filter((deadline) => deadline.territory === territory && deadline.rule.kind === 'label' && deadline.from <= date);
