/**
 * Times the import of a synthetic patrimony (default 40,000 dwellings), then its re-import.
 *   npm run bench:import                       # embedded PGlite, in memory
 *   npm run bench:import -- postgres://…/db    # a PostgreSQL database (its organisation 999999999 is added)
 *   BENCH_DWELLINGS=10000 npm run bench:import
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { openPGlite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import type { NativePatrimonyRow } from '../src/patrimony/import/native-row.js';
import { importPatrimonyRows, resolveImportOrganisation } from '../src/patrimony/import/service.js';
import { loadCommunes } from '../src/patrimony/reference/communes.js';

const COMMUNES = ['62498', '62041', '62193', '59350', '59178', '62119', '62160', '62510'];

/** 40 dwellings per building (4 entrances of 10), 5 buildings per residence, 25 residences per agency. */
function syntheticRows(dwellings: number): NativePatrimonyRow[] {
  return Array.from({ length: dwellings }, (_, i) => {
    const building = Math.floor(i / 40);
    const residence = Math.floor(building / 5);
    const agency = Math.floor(residence / 25);
    const directorate = Math.floor(agency / 4);
    return {
      directorate_code: `DT${directorate}`, directorate_name: `Direction ${directorate}`,
      agency_code: `AG${agency}`, agency_name: `Agence ${agency}`,
      residence_code: `RES${residence}`, residence_name: `Résidence ${residence}`,
      commune_insee: COMMUNES[residence % COMMUNES.length]!, qpv_code: residence % 3 === 0 ? `QN0620${residence % 10}M` : null,
      building_code: `BAT${building}`, building_name: `Bâtiment ${building % 5}`,
      street_number: String(1 + (building % 80)), street_type: 'rue', street_name: `des Tilleuls ${residence}`,
      longitude: 2.5 + (residence % 100) * 0.01 + (building % 5) * 0.0003, latitude: 50.2 + Math.floor(residence / 100) * 0.01,
      entrance_code: `BAT${building}-E${Math.floor((i % 40) / 10)}`, dwelling_code: `LOG${i}`, rpls_id: `RPLS${i}`,
      kind: i % 17 === 0 ? 'individual' : 'collective', floor: i % 10, rooms: 1 + (i % 5),
      habitable_surface: 30 + (i % 70) + 0.5, construction_year: 1950 + (residence % 70), financing: i % 2 ? 'PLUS' : 'PLAI',
      dpe_energy_class: 'ABCDEFG'[i % 7]!, dpe_ghg_class: 'ABCDEFG'[(i + 3) % 7]!, dpe_date: '2022-03-15',
    };
  });
}

async function open(url: string | undefined): Promise<Database> {
  const db = url ? openPostgres(url) : (await openPGlite({})).db;
  await migrate(db);
  await loadCommunes(db);
  return db;
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

const dwellings = Number(process.env.BENCH_DWELLINGS ?? 40_000);
const db = await open(process.argv[2]);
try {
  const { id } = await resolveImportOrganisation(db, '999999999', 'Office de banc d’essai');
  const rows = syntheticRows(dwellings);
  const first = await timed(`${db.engine}: first import of ${dwellings} dwellings`, () => importPatrimonyRows(db, id, rows));
  console.log(JSON.stringify(first.dwellings));
  const second = await timed(`${db.engine}: re-import (unchanged)`, () => importPatrimonyRows(db, id, rows));
  console.log(JSON.stringify(second.dwellings));
} finally {
  await db.close();
}
