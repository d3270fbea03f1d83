/**
 * Non-blocking hints on an operation's financing: eligibility to the éco-prêt, over-financing,
 * a target still banned from letting.
 *
 * Éco-prêt logement social (Banque des Territoires, offer page consulted 2025:
 * https://www.banquedesterritoires.fr/produits-services/prets-long-terme/pret-eco-pret):
 * dwellings in mainland France, with a 3CL energy audit, whose primary energy before works is at
 * least 180 kWhEP/m²/yr and/or whose emissions are at least 30 kgCO2e/m²/yr. The conditions on
 * the performance after works are not checked here.
 */
import { DPE_CLASSES, type DpeClass } from '../../dpe/domain/labels.js';
import { formatEurosFr, sumCents } from './money.js';
import type { FundingSource, OperationKind } from './vocabulary.js';

export const ECO_PRET_MIN_PRIMARY_ENERGY = 180;
export const ECO_PRET_MIN_GHG = 30;

export interface Hint {
  code: 'eco_pret_eligible' | 'eco_pret_not_eligible' | 'eco_pret_unknown' | 'eco_pret_wrong_kind' | 'over_financed' | 'target_banned_2034';
  level: 'info' | 'warning';
  fr: string;
  en: string;
}

export interface HintInput {
  kind: OperationKind;
  energyBefore: number | null;
  ghgBefore: number | null;
  targetLabel: DpeClass | null;
  plannedCents: number;
  lines: readonly { source: FundingSource; amountCents: number }[];
}

/** true/false by the before-works thresholds, null when neither figure is known. */
export function ecoPretEligible(energyBefore: number | null, ghgBefore: number | null): boolean | null {
  if (energyBefore === null && ghgBefore === null) return null;
  return (energyBefore ?? 0) >= ECO_PRET_MIN_PRIMARY_ENERGY || (ghgBefore ?? 0) >= ECO_PRET_MIN_GHG;
}

export function operationHints(input: HintInput): Hint[] {
  const hints: Hint[] = [];
  const hasEcoPret = input.lines.some((line) => line.source === 'eco_pret');
  if (input.kind === 'energy_renovation') hints.push(...ecoPretHints(input, hasEcoPret));
  else if (hasEcoPret) {
    hints.push({ code: 'eco_pret_wrong_kind', level: 'warning', fr: 'L’éco-prêt ne finance que la réhabilitation énergétique.', en: 'The eco-loan only funds energy renovation.' });
  }
  const financed = sumCents(input.lines.map((line) => line.amountCents));
  if (input.plannedCents > 0 && financed > input.plannedCents) {
    const excess = formatEurosFr(financed - input.plannedCents);
    hints.push({ code: 'over_financed', level: 'warning', fr: `Les financements dépassent le coût prévisionnel de ${excess}.`, en: `Financing exceeds the planned cost by ${excess}.` });
  }
  if (input.kind === 'energy_renovation' && input.targetLabel && DPE_CLASSES.indexOf(input.targetLabel) >= DPE_CLASSES.indexOf('E')) {
    hints.push({ code: 'target_banned_2034', level: 'warning', fr: `L’étiquette visée ${input.targetLabel} ne pourra plus être louée en 2034.`, en: `Target label ${input.targetLabel} may not be let from 2034.` });
  }
  return hints;
}

function ecoPretHints(input: HintInput, hasEcoPret: boolean): Hint[] {
  const eligible = ecoPretEligible(input.energyBefore, input.ghgBefore);
  const thresholds = `≥ ${ECO_PRET_MIN_PRIMARY_ENERGY} kWhEP/m²/an ou ≥ ${ECO_PRET_MIN_GHG} kgCO2e/m²/an avant travaux`;
  if (eligible === null) {
    return [{ code: 'eco_pret_unknown', level: 'info', fr: `Éligibilité à l’éco-prêt inconnue : il faut ${thresholds}.`, en: 'Eco-loan eligibility unknown: before-works figures missing.' }];
  }
  if (eligible) {
    return hasEcoPret ? [] : [{ code: 'eco_pret_eligible', level: 'info', fr: `Éligible à l’éco-prêt (${thresholds}).`, en: 'Eligible to the social housing eco-loan.' }];
  }
  return hasEcoPret
    ? [{ code: 'eco_pret_not_eligible', level: 'warning', fr: `Non éligible à l’éco-prêt : il faut ${thresholds}.`, en: 'Not eligible to the eco-loan (below 180 kWhEP and 30 kgCO2e per m² per year before works).' }]
    : [];
}
