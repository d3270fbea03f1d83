import type { Point } from './geo.js';

/** What the generator needs of a commune (a subset of the `communes` table). */
export interface DemoCommuneInput {
  insee_code: string;
  name: string;
  departement: string;
  population: number | null;
  epci_name: string | null;
  lon: number | null;
  lat: number | null;
}

export interface DemoCommune {
  insee: string;
  name: string;
  population: number;
  point: Point;
  /** In the former coal-mining basin, where the landlord owns streets of miners' houses. */
  miningBasin: boolean;
  /** Large town with 1960s grands ensembles (towers and bars). */
  largeTown: boolean;
}

export const DEMO_DEPARTEMENT = '62';
export const DEMO_COMMUNE_COUNT = 209;

const MINING_BASIN_EPCIS = new Set([
  'CA de Lens - Liévin',
  "CA d'Hénin-Carvin",
  'CA de Béthune-Bruay, Artois-Lys Romane',
]);

const LARGE_TOWN_POPULATION = 25_000;

/**
 * The communes the demo landlord owns dwellings in: the most populated communes of the
 * Pas-de-Calais that have a position, in a stable order (population, then INSEE code).
 */
export function selectDemoCommunes(communes: readonly DemoCommuneInput[]): DemoCommune[] {
  const positioned = communes
    .filter((commune) => commune.departement === DEMO_DEPARTEMENT && commune.lon !== null && commune.lat !== null)
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.insee_code.localeCompare(b.insee_code));
  if (positioned.length < DEMO_COMMUNE_COUNT) {
    throw new Error(`The demo needs ${DEMO_COMMUNE_COUNT} positioned communes of département ${DEMO_DEPARTEMENT}, found ${positioned.length}`);
  }
  return positioned.slice(0, DEMO_COMMUNE_COUNT).map((commune) => ({
    insee: commune.insee_code,
    name: commune.name,
    population: commune.population ?? 0,
    point: { lon: commune.lon!, lat: commune.lat! },
    miningBasin: MINING_BASIN_EPCIS.has(commune.epci_name ?? ''),
    largeTown: (commune.population ?? 0) >= LARGE_TOWN_POPULATION,
  }));
}
