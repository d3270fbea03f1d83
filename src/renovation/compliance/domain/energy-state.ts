import { effectiveDpe, type EffectiveDpe } from '../../dpe/domain/effective.js';
import { isDpeClass, worseClass, type DpeClass } from '../../dpe/domain/labels.js';
import { replacedBy, type DpeFact } from '../../dpe/domain/validity.js';
import { territoryOfCommune, type DwellingEnergy } from './calendar.js';

export interface DpeFigures {
  label: DpeClass | null;
  primaryEnergy: number | null;
  finalEnergy: number | null;
}

export interface DwellingDpes {
  dwellingId: number;
  communeInsee: string;
  /** The dwelling's own DPEs (ADEME, and the class of the patrimony file). */
  facts: DpeFact<DpeFigures>[];
  /** The DPEs established for its whole building. */
  buildingFacts: DpeFact<DpeFigures>[];
}

/**
 * The DPE giving each dwelling its label on day `at` (`effectiveDpe`: own, else building, else
 * unknown). `replacing` lists other stored DPEs that may name one of these as replaced.
 */
export function effectiveDpesAt(dwellings: readonly DwellingDpes[], at: string, replacing: Iterable<Pick<DpeFact, 'issuedOn' | 'replaces'>> = []): EffectiveDpe<DpeFigures>[] {
  const replaced = replacedBy([...dwellings.flatMap((dwelling) => [...dwelling.facts, ...dwelling.buildingFacts]), ...replacing], at);
  return dwellings.map(({ facts, buildingFacts }) => effectiveDpe(facts, buildingFacts, at, replaced));
}

/**
 * Each dwelling's known performance on day `at`: the figures of its effective DPE, or nothing
 * (unknown) when neither its own DPE nor its building's is valid.
 */
export function energyStatesAt(dwellings: readonly DwellingDpes[], at: string): DwellingEnergy[] {
  const effective = effectiveDpesAt(dwellings, at);
  return dwellings.map(({ dwellingId, communeInsee }, index) => {
    const current = effective[index]!;
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
