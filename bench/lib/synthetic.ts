import type { Table } from '../../src/patrimony/import/files/read-table.js';
import type { NativePatrimonyRow } from '../../src/patrimony/import/native-row.js';
import type { IncidentPoint } from '../../src/observatory/repository.js';
import { seededRandom } from '../../src/observatory/stats/random.js';

/** Deterministic synthetic data for the benchmarks: the same input on every run and machine. */

const COMMUNES = ['62498', '62041', '62193', '59350', '59178', '62119', '62160', '62510'];

/** Where the synthetic buildings stand: residences in rows of a hundred, five buildings side by side. */
const buildingLongitude = (residence: number, building: number) => 2.5 + (residence % 100) * 0.01 + (building % 5) * 0.0003;
const buildingLatitude = (residence: number) => 50.2 + Math.floor(residence / 100) * 0.01;

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
      longitude: buildingLongitude(residence, building), latitude: buildingLatitude(residence),
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

const HEADER = ['external_id', 'place_kind', 'place_code', 'occurred_at', 'recorded_at', 'channel', 'category_code', 'description',
  'status', 'outcome', 'victim_role', 'itt_class', 'estimated_cost'];
const CATEGORIES = ['A.DUMP', 'A.DUMP', 'A.THROW', 'A.WRECK', 'B.NOISE', 'B.NOISE', 'B.DISPUTE', 'B.ANIMAL', 'C.HALL', 'C.HALL', 'C.CELLAR',
  'C.DEALING', 'C.RODEO', 'D.TAG', 'D.TAG', 'D.DOOR', 'D.MAILBOX', 'D.LIFT', 'D.INTERCOM', 'D.LIGHTING', 'D.ARSON_BIN', 'D.BREAK_IN',
  'E.INSULT', 'E.THREAT', 'E.VIOLENCE', 'E.ITT_UP_TO_8', 'F.INSULT_THREAT', 'F.VIOLENCE'];
const CHANNELS = ['caretaker', 'caretaker', 'caretaker', 'tenant', 'tenant', 'phone', 'police', 'patrol', 'email'];
/** Relative frequency of each hour of the day: quiet nights, busy evenings. */
const HOUR_WEIGHTS = [3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 5, 5, 5, 6, 7, 8, 9, 10, 10, 9, 7, 5];
const HOURS = HOUR_WEIGHTS.flatMap((weight, hour) => Array<number>(weight).fill(hour));
const ITT = ['no_itt', 'no_itt', 'itt_up_to_8_days', 'itt_over_8_days', 'unknown'];
const DAY = 86_400_000;
const two = (value: number) => String(value).padStart(2, '0');
const localText = (date: Date, withTime: boolean) =>
  `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}${withTime ? ` ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}` : ''}`;

/**
 * Lines `from` to `from + count - 1` of a deterministic incident history file for the patrimony
 * of syntheticPatrimonyRows(dwellings), in the import's columns (docs/incidents.md): ten years
 * ending with `until`, summer and evening peaks, one residence in twenty three times as exposed,
 * most incidents closed. Any slice of lines is the same whatever the slicing.
 */
export function syntheticIncidentTable(dwellings: number, from: number, count: number, until: Date): Table {
  const buildings = Math.ceil(dwellings / 40);
  const residences = Math.ceil(buildings / 5);
  const start = until.getTime() - 3652 * DAY;
  const records = Array.from({ length: count }, (_, index) => {
    const line = from + index;
    const random = seededRandom(line);
    const residence = random.int(4) === 0 ? 20 * random.int(Math.ceil(residences / 20)) : random.int(residences);
    const building = Math.min(buildings - 1, residence * 5 + random.int(5));
    let day = random.int(3652);
    // Summer peak: half of the winter days are drawn again, towards June–August.
    if (random.int(2) === 0 && ![5, 6, 7].includes(new Date(start + day * DAY).getUTCMonth())) day = random.int(3652);
    const timeKnown = random.int(10) > 0;
    const occurred = new Date(start + day * DAY + (HOURS[random.int(HOURS.length)]! * 60 + random.int(60)) * 60_000);
    const category = CATEGORIES[random.int(CATEGORIES.length)]!;
    const status = random.int(20);
    const staff = category.startsWith('E.');
    return {
      line: line + 2,
      cells: [
        `SYN-${line}`, 'entrance', `BAT${building}-E${random.int(4)}`, localText(occurred, timeKnown),
        localText(new Date(occurred.getTime() + (1 + random.int(72)) * 3_600_000), true), CHANNELS[random.int(CHANNELS.length)]!, category,
        'Fait constaté sur place', status < 17 ? 'closed' : status < 19 ? 'in_progress' : 'recorded',
        status < 14 ? 'resolved' : status < 17 ? 'no_further_action' : '',
        staff ? 'landlord_staff' : '', staff ? ITT[random.int(ITT.length)]! : '',
        category.startsWith('D.') ? String(50 + random.int(5000)) : '',
      ],
    };
  });
  return { header: HEADER, records };
}

/**
 * Map points of a million-incident landlord, engine-free: around the buildings of
 * syntheticPatrimonyRows(dwellings) (same coordinates), one residence in twenty three times as exposed.
 */
export function syntheticIncidentPoints(dwellings: number, count: number): IncidentPoint[] {
  const random = seededRandom(3);
  const buildings = Math.ceil(dwellings / 40);
  const residences = Math.ceil(buildings / 5);
  const families = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
  return Array.from({ length: count }, (_, id) => {
    const residence = random.int(4) === 0 ? 20 * random.int(Math.ceil(residences / 20)) : random.int(residences);
    const building = Math.min(buildings - 1, residence * 5 + random.int(5));
    return {
      id, family: families[random.int(families.length)]!, severity: `G${1 + random.int(4)}`, agencyId: Math.floor(residence / 25), recordedBy: null, day: random.int(3652),
      lon: buildingLongitude(residence, building) + (random.int(101) - 50) * 0.000002,
      lat: buildingLatitude(residence) + (random.int(101) - 50) * 0.000002,
    };
  });
}
