import { isDpeClass, worseClass, type DpeClass } from '../../dpe/domain/labels.js';
import { currentDpe, replacedBy, type DpeFact } from '../../dpe/domain/validity.js';
import { territoryOfCommune, type DwellingEnergy } from './calendar.js';

export interface DpeFigures {
  label: DpeClass | null;
  primaryEnergy: number | null;
  finalEnergy: number | null;
}

export interface DwellingDpes {
  dwellingId: number;
  communeInsee: string;
  facts: DpeFact<DpeFigures>[];
}

/**
 * Each dwelling's known performance on day `at`: the figures of the DPE that speaks for it, or
 * nothing (unknown) when that DPE is missing, expired or replaced.
 */
export function energyStatesAt(dwellings: readonly DwellingDpes[], at: string): DwellingEnergy[] {
  const replaced = replacedBy(dwellings.flatMap((dwelling) => dwelling.facts), at);
  return dwellings.map(({ dwellingId, communeInsee, facts }) => {
    const current = currentDpe(facts, at, replaced);
    const figures = current.status === 'valid' ? current.dpe.payload : { label: null, primaryEnergy: null, finalEnergy: null };
    return { dwellingId, territory: territoryOfCommune(communeInsee), ...figures };
  });
}

/** A class entered in the patrimony file counts as a DPE without number, if it has a date. */
export function patrimonyFact(energyClass: string | null, ghgClass: string | null, dpeDate: string | null): DpeFact<DpeFigures> | undefined {
  if (!dpeDate || !energyClass || !isDpeClass(energyClass)) return undefined;
  const label = ghgClass && isDpeClass(ghgClass) ? worseClass(energyClass, ghgClass) : energyClass;
  return { number: null, issuedOn: dpeDate, replaces: null, payload: { label, primaryEnergy: null, finalEnergy: null } };
}
