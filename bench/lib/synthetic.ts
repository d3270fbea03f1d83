import type { NativePatrimonyRow } from '../../src/patrimony/import/native-row.js';
import { seededRandom } from '../../src/observatory/stats/random.js';

/** Deterministic synthetic data for the benchmarks: the same input on every run and machine. */

const COMMUNES = ['62498', '62041', '62193', '59350', '59178', '62119', '62160', '62510'];

/** 40 dwellings per building (4 entrances of 10), 5 buildings per residence, 25 residences per agency. */
export function syntheticPatrimonyRows(dwellings: number): NativePatrimonyRow[] {
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

export function syntheticGrid() {
  const random = seededRandom(1);
  const columns = 1300;
  const rows = 1000;
  const values = new Float64Array(columns * rows);
  for (let cell = 0; cell < values.length; cell++) values[cell] = random.int(100) < 3 ? 1 + random.int(4) : 0;
  for (let hotspot = 0; hotspot < 200; hotspot++) {
    const centre = random.int(values.length);
    for (let k = 0; k < 40; k++) {
      const cell = centre + (random.int(9) - 4) * columns + random.int(9) - 4;
      if (cell >= 0 && cell < values.length) values[cell] = values[cell]! + 1 + random.int(5);
    }
  }
  return { columns, rows, cellSize: 150, values };
}

/** Incident points (metres) and days around buildings, for Knox. */
export function syntheticKnoxIncidents(count: number, buildings: number) {
  const random = seededRandom(2);
  const buildingX = Array.from({ length: buildings }, () => random.int(30_000));
  const buildingY = Array.from({ length: buildings }, () => random.int(30_000));
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const t = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const building = random.int(buildings);
    x[i] = buildingX[building]! + random.int(41) - 20;
    y[i] = buildingY[building]! + random.int(41) - 20;
    t[i] = random.int(3 * 365);
  }
  return { x, y, t };
}
