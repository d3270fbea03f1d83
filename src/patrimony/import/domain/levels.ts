import type { NativePatrimonyRow } from '../native-row.js';

/** The distinct places named by validated rows, one list per level, ready to be upserted. */
export interface PatrimonyLevels {
  directorates: { code: string; name: string }[];
  agencies: { code: string; name: string; directorate_code: string }[];
  residences: {
    code: string;
    name: string;
    agency_code: string;
    commune_insee: string;
    qpv_code: string | null;
    longitude: number;
    latitude: number;
  }[];
  buildings: {
    code: string;
    residence_code: string;
    name: string | null;
    street_number: string | null;
    street_type: string | null;
    street_name: string | null;
    ban_id: string | null;
    commune_insee: string;
    construction_year: number | null;
    longitude: number;
    latitude: number;
  }[];
  entrances: { code: string; building_code: string }[];
  dwellings: NativePatrimonyRow[];
}

function firstByCode<T>(rows: readonly NativePatrimonyRow[], code: (row: NativePatrimonyRow) => string | null, build: (row: NativePatrimonyRow) => T): Map<string, T> {
  const byCode = new Map<string, T>();
  for (const row of rows) {
    const key = code(row);
    if (key !== null && !byCode.has(key)) byCode.set(key, build(row));
  }
  return byCode;
}

/** The commune holding most of the residence's dwellings (ties: lowest code), whatever the row order. */
function mostFrequent(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b))[0]![0];
}

function append<T>(groups: Map<string, T[]>, key: string, value: T): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Splits rows into levels. A building's construction year is the earliest of its dwellings';
 * a residence without its own position sits at the centroid (mean) of its buildings.
 */
export function splitLevels(rows: readonly NativePatrimonyRow[]): PatrimonyLevels {
  const buildings = firstByCode(rows, (row) => row.building_code, (row) => ({
    code: row.building_code,
    residence_code: row.residence_code,
    name: row.building_name,
    street_number: row.street_number,
    street_type: row.street_type,
    street_name: row.street_name,
    // Stored in lower case, as the BAN publishes it and as DPEs are matched.
    ban_id: row.ban_id?.toLowerCase() ?? null,
    commune_insee: row.commune_insee,
    construction_year: null as number | null,
    longitude: row.longitude,
    latitude: row.latitude,
  }));
  const communesByResidence = new Map<string, string[]>();
  for (const row of rows) {
    const building = buildings.get(row.building_code)!;
    if (row.construction_year !== null && (building.construction_year === null || row.construction_year < building.construction_year)) {
      building.construction_year = row.construction_year;
    }
    append(communesByResidence, row.residence_code, row.commune_insee);
  }
  const buildingsByResidence = new Map<string, { longitude: number; latitude: number }[]>();
  for (const building of buildings.values()) append(buildingsByResidence, building.residence_code, building);
  const residences = firstByCode(rows, (row) => row.residence_code, (row) => {
    const own = row.residence_longitude != null && row.residence_latitude != null;
    const members = buildingsByResidence.get(row.residence_code)!;
    return {
      code: row.residence_code,
      name: row.residence_name,
      agency_code: row.agency_code,
      commune_insee: mostFrequent(communesByResidence.get(row.residence_code)!),
      qpv_code: row.qpv_code,
      longitude: own ? row.residence_longitude! : mean(members.map((b) => b.longitude)),
      latitude: own ? row.residence_latitude! : mean(members.map((b) => b.latitude)),
    };
  });
  return {
    directorates: [...firstByCode(rows, (row) => row.directorate_code, (row) => ({ code: row.directorate_code, name: row.directorate_name })).values()],
    agencies: [...firstByCode(rows, (row) => row.agency_code, (row) => ({ code: row.agency_code, name: row.agency_name, directorate_code: row.directorate_code })).values()],
    residences: [...residences.values()],
    buildings: [...buildings.values()],
    entrances: [...firstByCode(rows, (row) => row.entrance_code, (row) => ({ code: row.entrance_code!, building_code: row.building_code })).values()],
    dwellings: [...rows],
  };
}
