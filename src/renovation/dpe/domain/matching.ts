import type { AdemeAddress } from '../import/ademe-rows.js';
import { addressKey } from './address.js';

/**
 * Where an ADEME DPE belongs. A dwelling DPE goes to a dwelling: by RPLS number first; otherwise
 * by the building at the DPE's address — its BAN identifier, else its normalised address and
 * commune — provided that building holds a single dwelling (a DPE of a flat cannot be placed
 * among several). A building DPE (`isBuildingDpe`) goes to the building found by BAN identifier
 * or address, whatever its number of dwellings. Pure.
 */
export type MatchedBy = 'rpls' | 'ban' | 'address';
export type UnmatchedReason = 'no_key' | 'not_found' | 'several_buildings' | 'several_dwellings';

export const UNMATCHED_REASONS: Readonly<Record<UnmatchedReason, { fr: string; en: string }>> = {
  no_key: { fr: 'ni numéro RPLS connu ni adresse complète', en: 'no known RPLS number nor complete address' },
  not_found: { fr: 'aucun bâtiment à cette adresse', en: 'no building at this address' },
  several_buildings: { fr: 'plusieurs bâtiments à cette adresse', en: 'several buildings at this address' },
  several_dwellings: { fr: 'bâtiment de plusieurs logements : logement indéterminé', en: 'building of several dwellings: dwelling unknown' },
};

export interface MatchInput {
  line: number;
  numeroDpe: string;
  /** A DPE established for the whole building rather than for one dwelling. */
  buildingLevel: boolean;
  rplsId: string | null;
  banId: string | null;
  address: AdemeAddress;
}

export interface MatchIndex {
  dwellingByRpls: ReadonlyMap<string, number>;
  /** Buildings per BAN identifier: given in the patrimony file or learnt from RPLS matches. */
  buildingsByBan: ReadonlyMap<string, readonly number[]>;
  /** Buildings per address key (`addressKey`). */
  buildingsByAddress: ReadonlyMap<string, readonly number[]>;
  dwellingsOfBuilding: ReadonlyMap<number, readonly number[]>;
}

export type MatchResult =
  | { dwellingId: number; buildingId?: undefined; matchedBy: MatchedBy }
  | { buildingId: number; dwellingId?: undefined; matchedBy: MatchedBy }
  | { reason: UnmatchedReason };

export const keyOf = (address: AdemeAddress) => addressKey(address.communeInsee, address.number, address.street);

const fold = (text: string | null) => (text ?? '').trim().toLowerCase();

/**
 * A building DPE: type_batiment « immeuble », or methode_application_dpe « dpe immeuble
 * collectif ». A flat's DPE generated from the building's data (« dpe appartement généré à partir
 * des données DPE immeuble ») is the flat's own.
 */
export function isBuildingDpe(buildingType: string | null, application: string | null): boolean {
  return fold(buildingType) === 'immeuble' || fold(application).startsWith('dpe immeuble');
}

export function matchDpe(input: MatchInput, index: MatchIndex): MatchResult {
  const byRpls = !input.buildingLevel && input.rplsId ? index.dwellingByRpls.get(input.rplsId) : undefined;
  if (byRpls !== undefined) return { dwellingId: byRpls, matchedBy: 'rpls' };
  const byBan = input.banId ? index.buildingsByBan.get(input.banId) ?? [] : [];
  if (byBan.length > 1) return { reason: 'several_buildings' };
  if (byBan.length === 1) return inBuilding(byBan[0]!, 'ban', input, index);
  const key = keyOf(input.address);
  if (key === null) return { reason: input.banId ? 'not_found' : 'no_key' };
  const buildings = index.buildingsByAddress.get(key) ?? [];
  if (buildings.length === 0) return { reason: 'not_found' };
  if (buildings.length > 1) return { reason: 'several_buildings' };
  return inBuilding(buildings[0]!, 'address', input, index);
}

function inBuilding(buildingId: number, matchedBy: MatchedBy, input: MatchInput, index: MatchIndex): MatchResult {
  if (input.buildingLevel) return { buildingId, matchedBy };
  const dwellings = index.dwellingsOfBuilding.get(buildingId) ?? [];
  return dwellings.length === 1 ? { dwellingId: dwellings[0]!, matchedBy } : { reason: dwellings.length === 0 ? 'not_found' : 'several_dwellings' };
}
