import { generateDemoPatrimony } from '../../../patrimony/demo/domain/generate.js';
import { buildCommuneRows } from '../../../patrimony/reference/communes.js';
import type { DwellingUnit } from '../../../observatory/domain/hotspots.js';
import type { DemoIncident, DemoPlace } from './generate.js';

/**
 * The demo landlord's places without a database, for tests of the generator: the demo patrimony's
 * rows grouped by entrance (or house), numbered in the order they come.
 */
export function demoPlaces(): DemoPlace[] {
  const { rows } = generateDemoPatrimony(buildCommuneRows());
  const ids = new Map<string, number>();
  const idOf = (code: string) => ids.get(code) ?? (ids.set(code, ids.size + 1), ids.size);
  const places = new Map<string, DemoPlace>();
  for (const row of rows) {
    const key = row.entrance_code ?? row.building_code;
    const place = places.get(key);
    if (place) {
      place.dwellings++;
      continue;
    }
    places.set(key, {
      entranceId: row.entrance_code ? idOf(`E:${row.entrance_code}`) : null,
      buildingId: idOf(`B:${row.building_code}`),
      residenceId: idOf(`R:${row.residence_code}`),
      agencyId: idOf(`A:${row.agency_code}`),
      lon: row.longitude,
      lat: row.latitude,
      dwellings: 1,
      qpv: row.qpv_code !== null,
      communeName: row.commune_insee,
    });
  }
  return [...places.values()];
}

/** Buildings with their dwellings and the incidents placed there: the units of Gi*. */
export function buildHotspotsOfDemo(places: readonly DemoPlace[], incidents: readonly DemoIncident[]): DwellingUnit[] {
  const units = new Map<number, DwellingUnit>();
  for (const place of places) {
    const unit = units.get(place.buildingId) ?? { id: place.buildingId, lon: place.lon, lat: place.lat, dwellings: 0, incidents: 0 };
    unit.dwellings += place.dwellings;
    units.set(place.buildingId, unit);
  }
  for (const incident of incidents) units.get(incident.place.buildingId)!.incidents++;
  return [...units.values()];
}
