import type { DemoAgencyDetails } from './agencies.js';
import { offsetMetres, type Point } from './geo.js';
import type { DraftResidence } from './plan.js';
import type { Random } from './random.js';

/** What the native import row does not carry: where tenants meet the agency, and common areas. */

export interface DemoContactPoint {
  code: string;
  agencyCode: string;
  name: string;
  address: string;
  communeInsee: string;
  openingHours: string;
  point: Point;
}

export type CommonAreaKind = 'hall' | 'cellar' | 'car_park' | 'lift' | 'roof' | 'outdoor_space';

export interface DemoCommonArea {
  code: string;
  kind: CommonAreaKind;
  name: string;
  residenceCode: string;
  buildingCode: string | null;
  entranceCode: string | null;
  point: Point;
}

const OFFICE_HOURS = 'Lundi au vendredi, 8 h 30 – 12 h et 13 h 30 – 17 h';
const PERMANENCE_HOURS = ['Mardi, 9 h – 12 h', 'Jeudi, 14 h – 17 h', 'Lundi et jeudi, 9 h – 11 h 30', 'Mercredi, 9 h – 12 h'];
/** Lifts are required above the third floor (R+3) in French housing. */
const LEVELS_NEEDING_A_LIFT = 5;
/** Cellars were built under collective housing until the early 1980s. */
const LAST_YEAR_WITH_CELLARS = 1982;

/** Each agency's office, plus a weekly permanence in every grand ensemble and QPV cité. */
export function contactPoints(rng: Random, agencies: readonly DemoAgencyDetails[], residences: readonly DraftResidence[], agencyOf: ReadonlyMap<string, string>): DemoContactPoint[] {
  const offices = agencies.map((agency) => ({
    code: `CP-${agency.code}`,
    agencyCode: agency.code,
    name: `Accueil de l’agence ${agency.name}`,
    address: agency.fullAddress,
    communeInsee: agency.seatInsee,
    openingHours: OFFICE_HOURS,
    point: agency.point,
  }));
  const permanences = residences
    .filter((residence) => residence.kind === 'grand_ensemble' || (residence.kind === 'mining_cite' && residence.qpvCode))
    .map((residence) => {
      const { street, point } = residence.buildings[0]!;
      return {
        code: `CP-${residence.code}`,
        agencyCode: agencyOf.get(residence.code)!,
        name: `Permanence ${residence.name}`,
        address: `${street.number} ${street.type} ${street.name}, ${residence.commune.name}`,
        communeInsee: residence.commune.insee,
        openingHours: rng.pick(PERMANENCE_HOURS),
        point: offsetMetres(point, 0, -20),
      };
    });
  return [...offices, ...permanences];
}

export function commonAreas(residences: readonly DraftResidence[]): DemoCommonArea[] {
  return residences.flatMap((residence) => (residence.kind === 'mining_cite' || residence.kind === 'houses' ? citeAreas(residence) : collectiveAreas(residence)));
}

function citeAreas(residence: DraftResidence): DemoCommonArea[] {
  if (residence.kind !== 'mining_cite') return [];
  return [area(residence, 'outdoor_space', 'EXT', 'Jardins et venelles', residence.centre)];
}

function collectiveAreas(residence: DraftResidence): DemoCommonArea[] {
  const areas = [
    area(residence, 'car_park', 'PARK', 'Parking', offsetMetres(residence.centre, 0, -60)),
    area(residence, 'outdoor_space', 'EXT', residence.kind === 'grand_ensemble' ? 'Aire de jeux et espaces verts' : 'Espaces verts', offsetMetres(residence.centre, 40, 40)),
  ];
  for (const building of residence.buildings) {
    const inBuilding = { residenceCode: residence.code, buildingCode: building.code, point: building.point };
    areas.push({ ...inBuilding, code: `${building.code}-TOIT`, kind: 'roof', name: `Toiture ${building.name ?? building.code}`, entranceCode: null });
    if (building.year <= LAST_YEAR_WITH_CELLARS) {
      areas.push({ ...inBuilding, code: `${building.code}-CAVES`, kind: 'cellar', name: `Caves ${building.name ?? building.code}`, entranceCode: null });
    }
    for (const entrance of building.entrances) {
      const letter = entrance.code.slice(-1);
      const inEntrance = { ...inBuilding, entranceCode: entrance.code, point: entrance.point };
      areas.push({ ...inEntrance, code: `${entrance.code}-HALL`, kind: 'hall', name: `Hall ${letter}` });
      if (Math.ceil(entrance.dwellings / entrance.dwellingsPerLevel) >= LEVELS_NEEDING_A_LIFT) {
        areas.push({ ...inEntrance, code: `${entrance.code}-ASC`, kind: 'lift', name: `Ascenseur ${letter}` });
      }
    }
  }
  return areas;
}

function area(residence: DraftResidence, kind: CommonAreaKind, suffix: string, name: string, point: Point): DemoCommonArea {
  return { code: `${residence.code}-${suffix}`, kind, name, residenceCode: residence.code, buildingCode: null, entranceCode: null, point };
}
