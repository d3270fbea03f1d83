import type { NativePatrimonyRow } from '../../import/native-row.js';
import { AgencyAssigner, agencyDetails, type DemoAgencyDetails } from './agencies.js';
import { allocate } from './allocation.js';
import { selectDemoCommunes, type DemoCommune, type DemoCommuneInput } from './communes.js';
import { assignDpeClasses, energyBadness, ghgClass } from './dpe.js';
import { drawRooms, drawSurface } from './dwellings.js';
import { commonAreas, contactPoints, type DemoCommonArea, type DemoContactPoint } from './extras.js';
import { DEMO_DIRECTORATES, DEMO_ORGANISATION, type DemoDirectorate } from './organisation.js';
import { LANDMARKS, Planner, type DraftBuilding, type DraftResidence } from './plan.js';
import { Random } from './random.js';

export const DEFAULT_DEMO_SEED = 62;

export const DEMO_TARGETS = { dwellings: 39_658, collective: 27_553, individual: 12_105, communes: 209, agencies: 31 } as const;

export interface DemoPatrimony {
  organisation: typeof DEMO_ORGANISATION;
  agencies: DemoAgencyDetails[];
  rows: NativePatrimonyRow[];
  contactPoints: DemoContactPoint[];
  commonAreas: DemoCommonArea[];
}

/** Every commune keeps a few houses, so that the landlord is present in all of them. */
const MINIMUM_HOUSES_PER_COMMUNE = 3;
const VILLAGE_HOUSES_WEIGHT = 600;
/** DPE of the current method (July 2021) up to the demo's reference date. */
const DPE_PERIOD = { from: Date.UTC(2021, 6, 1), to: Date.UTC(2025, 5, 30) };
const DAY = 86_400_000;

/**
 * The demo landlord's whole patrimony, as rows of the native import file plus what the file
 * does not carry. Pure: the same communes and seed always give the same result.
 */
export function generateDemoPatrimony(communeInputs: readonly DemoCommuneInput[], seed = DEFAULT_DEMO_SEED): DemoPatrimony {
  const rng = new Random(seed);
  const communes = selectDemoCommunes(communeInputs);
  const communeByInsee = new Map(communes.map((commune) => [commune.insee, commune]));
  const agencies = agencyDetails(communeByInsee);

  const collective = allocate(DEMO_TARGETS.collective, communes.map(collectiveWeight), communes.map(() => 0));
  const individual = allocate(DEMO_TARGETS.individual, communes.map(individualWeight), communes.map(() => MINIMUM_HOUSES_PER_COMMUNE));
  const planner = new Planner(rng);
  communes.forEach((commune, index) => planner.planCommune(commune, collective[index]!, individual[index]!));

  const assigner = new AgencyAssigner(communeByInsee);
  const agencyOf = new Map(planner.residences.map((residence) => [residence.code, residence.agencyCode ?? assigner.agencyFor(residence.commune)]));
  const rows = dwellingRows(rng, planner.residences, agencyOf, agencies);
  return {
    organisation: DEMO_ORGANISATION,
    agencies,
    rows,
    contactPoints: contactPoints(rng, agencies, planner.residences, agencyOf),
    commonAreas: commonAreas(planner.residences),
  };
}

/** Collective housing concentrates in the towns, most of all where the 1960s grands ensembles are. */
function collectiveWeight(commune: DemoCommune): number {
  if (commune.largeTown || LANDMARKS[commune.insee]) return commune.population * 1.5;
  if (commune.population >= 8_000) return commune.population * 0.7;
  if (commune.population >= 4_000) return commune.population * 0.3;
  return commune.population >= 2_500 ? commune.population * 0.1 : 0;
}

/** Houses: the miners' cités weigh most in the mining basin; every village has its small group. */
function individualWeight(commune: DemoCommune): number {
  return commune.population * (commune.miningBasin ? 0.45 : 0.12) + VILLAGE_HOUSES_WEIGHT;
}

interface DraftDwelling {
  row: NativePatrimonyRow;
  badness: number;
  ghgOffset: number;
}

function dwellingRows(rng: Random, residences: readonly DraftResidence[], agencyOf: ReadonlyMap<string, string>, agencies: readonly DemoAgencyDetails[]): NativePatrimonyRow[] {
  const agencyByCode = new Map(agencies.map((agency) => [agency.code, agency]));
  const directorateByCode = new Map(DEMO_DIRECTORATES.map((directorate) => [directorate.code, directorate]));
  const drafts: DraftDwelling[] = [];
  for (const residence of residences) {
    const agency = agencyByCode.get(agencyOf.get(residence.code)!)!;
    const place: Place = { residence, agency, directorate: directorateByCode.get(agency.directorateCode)! };
    for (const building of residence.buildings) addBuildingDwellings(rng, place, building, drafts);
  }
  const labels = assignDpeClasses(drafts.map((draft) => draft.badness));
  // The rows were made here and are not shared yet: labelling them in place spares 40,000 copies.
  drafts.forEach(({ row, ghgOffset }, index) => {
    row.rpls_id = String(index + 1).padStart(10, '0');
    row.dpe_energy_class = labels[index]!;
    row.dpe_ghg_class = ghgClass(labels[index]!, ghgOffset);
  });
  return drafts.map((draft) => draft.row);
}

interface Place {
  residence: DraftResidence;
  agency: DemoAgencyDetails;
  directorate: DemoDirectorate;
}

interface DwellingPlace {
  entranceCode: string | null;
  dwellingCode: string;
  floor: number | null;
  /** Ground or top floor, or a house: more surface exposed to the outside. */
  exposed: boolean;
}

function addBuildingDwellings(rng: Random, place: Place, building: DraftBuilding, drafts: DraftDwelling[]): void {
  const renovated = building.year < 1990 && rng.chance(0.35);
  const buildingNoise = rng.between(-0.5, 0.5);
  const ghgOffset = rng.weighted(GHG_OFFSETS);
  const dpeDate = drawDpeDate(rng, building.year);
  const add = (dwelling: DwellingPlace) => {
    const rooms = drawRooms(rng, building.style);
    const surface = drawSurface(rng, rooms, building.style);
    drafts.push({
      row: nativeRow(place, building, dwelling, rooms, surface, dpeDate),
      badness: energyBadness(building.year, !dwelling.entranceCode, dwelling.exposed, renovated, buildingNoise + rng.between(-0.25, 0.25)),
      ghgOffset,
    });
  };
  if (building.entrances.length === 0) add({ entranceCode: null, dwellingCode: `${building.code}-01`, floor: null, exposed: true });
  for (const entrance of building.entrances) {
    const levels = Math.ceil(entrance.dwellings / entrance.dwellingsPerLevel);
    for (let i = 0; i < entrance.dwellings; i++) {
      const floor = Math.floor(i / entrance.dwellingsPerLevel);
      const door = (i % entrance.dwellingsPerLevel) + 1;
      const dwellingCode = `${entrance.code}-${String(floor).padStart(2, '0')}${String(door).padStart(2, '0')}`;
      add({ entranceCode: entrance.code, dwellingCode, floor, exposed: floor === 0 || floor === levels - 1 });
    }
  }
}

/** Gas-heated buildings emit more than electric ones for the same energy label. */
const GHG_OFFSETS: readonly (readonly [number, number])[] = [[-2, 15], [-1, 35], [0, 40], [1, 10]];

function nativeRow({ residence, agency, directorate }: Place, building: DraftBuilding, dwelling: DwellingPlace, rooms: number, surface: number, dpeDate: string): NativePatrimonyRow {
  return {
    directorate_code: directorate.code,
    directorate_name: directorate.name,
    agency_code: agency.code,
    agency_name: agency.name,
    residence_code: residence.code,
    residence_name: residence.name,
    commune_insee: residence.commune.insee,
    qpv_code: residence.qpvCode,
    building_code: building.code,
    building_name: building.name,
    street_number: building.street.number,
    street_type: building.street.type,
    street_name: building.street.name,
    longitude: building.point.lon,
    latitude: building.point.lat,
    residence_longitude: residence.centre.lon,
    residence_latitude: residence.centre.lat,
    entrance_code: dwelling.entranceCode,
    dwelling_code: dwelling.dwellingCode,
    rpls_id: null,
    kind: dwelling.entranceCode ? 'collective' : 'individual',
    floor: dwelling.floor,
    rooms,
    habitable_surface: surface,
    construction_year: building.year,
    financing: building.financing,
    dpe_energy_class: null,
    dpe_ghg_class: null,
    dpe_date: dpeDate,
  };
}

/** A date of the current DPE method, after the building was delivered. */
function drawDpeDate(rng: Random, constructionYear: number): string {
  const from = Math.max(DPE_PERIOD.from, Date.UTC(constructionYear + 1, 0, 1));
  const day = rng.int(0, Math.max(0, Math.floor((DPE_PERIOD.to - from) / DAY)));
  return new Date(from + day * DAY).toISOString().slice(0, 10);
}
