import { validationError, type FieldError } from '../../../core/errors.js';
import type { NativePatrimonyRow } from '../native-row.js';
import { CellReader } from './cells.js';
import type { Table } from './read-table.js';

/**
 * The public RPLS extract ("données détaillées au logement", SDES). Releases spell columns in
 * upper case (DEPCOM), lower case or snake_case with suffixes (depcom_code): each input is
 * found under any of its aliases, compared in lower case.
 */
const RPLS_COLUMNS = {
  commune: ['depcom', 'depcom_code'],
  number: ['numvoie'],
  numberSuffix: ['indrep'],
  streetType: ['typvoie'],
  streetName: ['nomvoie'],
  stair: ['esc'],
  floor: ['etage'],
  entrance: ['entree'],
  building: ['bat'],
  block: ['immeu'],
  qpv: ['plg_qp24', 'plg_qp', 'plg_qp15'],
  construction: ['typeconst', 'typeconst_code'],
  rooms: ['nbpiece'],
  surface: ['surfhab'],
  year: ['construct'],
  financing: ['finan', 'finan_code'],
  dpeDate: ['dpedate'],
  dpeEnergy: ['dpeenergie'],
  dpeGhg: ['dpeserre'],
  x: ['x'],
  y: ['y'],
  epsg: ['epsg'],
  id: ['rpls_id', 'identrpls', 'ident_rpls', 'id_rpls', 'numlog', 'identifiant'],
} as const;
type RplsInput = keyof typeof RPLS_COLUMNS;
const REQUIRED_INPUTS: RplsInput[] = ['commune', 'construction', 'x', 'y', 'id'];

/** Projected systems of the RPLS X/Y by département: Lambert-93 in mainland France, UTM overseas. */
const OVERSEAS_EPSG: Record<string, number> = { '971': 5490, '972': 5490, '973': 2972, '974': 2975, '976': 4471 };
export const defaultEpsg = (commune: string) => OVERSEAS_EPSG[commune.slice(0, 3)] ?? 2154;

const KINDS: Record<string, NativePatrimonyRow['kind']> = { C: 'collective', E: 'collective', I: 'individual' };
const NO_DPE = new Set(['N', 'NR', '-']);

export function isRplsHeader(header: string[]): boolean {
  const names = new Set(header.map((name) => name.trim().toLowerCase()));
  return RPLS_COLUMNS.commune.some((alias) => names.has(alias)) && names.has('x') && names.has('y');
}

/** One RPLS line, mapped to native fields except what needs the database: agency and WGS84 position. */
export interface RplsDwelling {
  line: number;
  row: Omit<NativePatrimonyRow, 'directorate_code' | 'directorate_name' | 'agency_code' | 'agency_name' | 'longitude' | 'latitude'>;
  x: number | null;
  y: number | null;
  epsg: number;
}

export interface RplsTable {
  dwellings: RplsDwelling[];
  errors: FieldError[];
  /** The file column behind each native field, to name it in error reports. */
  columnOf: Partial<Record<keyof NativePatrimonyRow, string>>;
}

/** Upper case, no accents, runs of other characters as one hyphen: "Résidence les Pins" → "RESIDENCE-LES-PINS". */
export function codePart(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** "01/06/2021", "2021-06-01", "06/2021" or "2021-06" (RPLS gives months) → "2021-06-01"; anything else as is, for validation to report. */
export function rplsDate(text: string | null): string | null {
  if (text === null) return null;
  const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3] ?? '01'}`;
  const french = /^(?:(\d{2})\/)?(\d{2})\/(\d{4})$/.exec(text);
  if (french) return `${french[3]}-${french[2]}-${french[1] ?? '01'}`;
  return text;
}

function rplsFloor(text: string | null, line: number, errors: FieldError[]): number | null {
  if (text === null) return null;
  if (/^(rdc|rc)$/i.test(text)) return 0;
  if (/^-?\d+$/.test(text)) return Number(text);
  errors.push({ line, field: 'floor', message: `étage attendu (nombre ou RDC), reçu « ${text} »` });
  return null;
}

/**
 * Reads an RPLS extract. Places are derived from the address: a residence per IMMEU (or per
 * address when IMMEU is empty) in a commune, a building per BAT (or address) in it, an entrance
 * per ESC (or ENTREE) in it; the first line of a building or residence describes it.
 */
export function readRplsTable(table: Table): RplsTable {
  const lower = table.header.map((name) => name.trim().toLowerCase());
  const position = {} as Record<RplsInput, number | undefined>;
  for (const input of Object.keys(RPLS_COLUMNS) as RplsInput[]) {
    const found = lower.findIndex((name) => (RPLS_COLUMNS[input] as readonly string[]).includes(name));
    position[input] = found < 0 ? undefined : found;
  }
  const missing = REQUIRED_INPUTS.filter((input) => position[input] === undefined);
  if (missing.length > 0) {
    throw validationError('Colonnes RPLS obligatoires absentes (required RPLS columns missing)', missing.map((input) => ({
      line: 1, field: RPLS_COLUMNS[input][0].toUpperCase(), message: `colonne absente (noms acceptés : ${RPLS_COLUMNS[input].join(', ')})`,
    })));
  }
  const name = (input: RplsInput) => (position[input] === undefined ? RPLS_COLUMNS[input][0].toUpperCase() : table.header[position[input]!]!.trim());
  const columnOf: RplsTable['columnOf'] = {
    commune_insee: name('commune'), dwelling_code: name('id'), rpls_id: name('id'), kind: name('construction'), floor: name('floor'),
    rooms: name('rooms'), habitable_surface: name('surface'), construction_year: name('year'), financing: name('financing'),
    dpe_energy_class: name('dpeEnergy'), dpe_ghg_class: name('dpeGhg'), dpe_date: name('dpeDate'), longitude: name('x'),
    latitude: name('y'), qpv_code: name('qpv'), building_code: name('building'), residence_code: name('block'), residence_name: name('block'),
    entrance_code: name('stair'), agency_code: name('commune'),
  };

  const cells = new CellReader();
  const dwellings = table.records.map(({ line, cells: values }): RplsDwelling => {
    const text = (input: RplsInput) => cells.text(position[input] === undefined ? undefined : values[position[input]!]);
    const number = (input: RplsInput, field: string) => cells.number(position[input] === undefined ? undefined : values[position[input]!], line, field);
    const rawCommune = text('commune') ?? '';
    const commune = /^\d{4}$/.test(rawCommune) ? `0${rawCommune}` : rawCommune;
    const streetNumber = [text('number'), text('numberSuffix')].filter(Boolean).join(' ') || null;
    const address = [streetNumber, text('streetType'), text('streetName')].filter(Boolean).join(' ');
    const block = text('block');
    const residenceCode = `RPLS-${commune}-${codePart(block ?? address)}`;
    const buildingCode = `${residenceCode}/${codePart(text('building') ?? address)}`;
    const stair = text('stair') ?? text('entrance');
    const kindCode = text('construction')?.toUpperCase() ?? '';
    const qpv = text('qpv');
    const dpe = (input: RplsInput) => {
      const value = text(input)?.toUpperCase() ?? null;
      return value === null || NO_DPE.has(value) ? null : value;
    };
    const id = text('id') ?? '';
    return {
      line,
      x: number('x', 'longitude'),
      y: number('y', 'latitude'),
      epsg: number('epsg', name('epsg')) ?? defaultEpsg(commune),
      row: {
        residence_code: residenceCode,
        residence_name: block ?? address,
        commune_insee: commune,
        qpv_code: qpv && /^Q[A-Z0-9]+$/i.test(qpv) ? qpv.toUpperCase() : null,
        building_code: buildingCode,
        building_name: text('building'),
        street_number: streetNumber,
        street_type: text('streetType'),
        street_name: text('streetName'),
        entrance_code: stair === null ? null : `${buildingCode}/${codePart(stair)}`,
        dwelling_code: id,
        rpls_id: id || null,
        kind: KINDS[kindCode] ?? (kindCode as NativePatrimonyRow['kind']),
        floor: rplsFloor(text('floor'), line, cells.errors),
        rooms: number('rooms', 'rooms'),
        habitable_surface: number('surface', 'habitable_surface'),
        construction_year: number('year', 'construction_year'),
        financing: text('financing'),
        dpe_energy_class: dpe('dpeEnergy'),
        dpe_ghg_class: dpe('dpeGhg'),
        dpe_date: rplsDate(text('dpeDate')),
      },
    };
  });
  return { dwellings, errors: cells.errors, columnOf };
}

export interface AgencyRef {
  directorate_code: string;
  directorate_name: string;
  agency_code: string;
  agency_name: string;
}

/**
 * Completes RPLS dwellings into native rows with their agency and WGS84 position. Lines of a
 * building take its first line's address and position, lines of a residence its first line's
 * name and QPV, so that addresses spelt slightly differently do not split places.
 */
export function completeRplsRows(
  dwellings: readonly RplsDwelling[],
  agencyOf: (commune: string) => AgencyRef | undefined,
  positions: readonly ({ longitude: number; latitude: number } | null)[],
): { rows: NativePatrimonyRow[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const firstOfBuilding = new Map<string, NativePatrimonyRow>();
  const firstOfResidence = new Map<string, NativePatrimonyRow>();
  const rows = dwellings.map(({ line, row }, index) => {
    const agency = agencyOf(row.commune_insee);
    if (!agency && row.commune_insee) {
      errors.push({ line, field: 'agency_code', message: `aucune agence pour la commune « ${row.commune_insee} » : précisez --agency` });
    }
    // Without an agency the file is refused anyway: placeholders keep the report to the one error above.
    const parents = agency ?? { directorate_code: '?', directorate_name: '?', agency_code: '?', agency_name: '?' };
    // A missing position stays null so that validation reports it as required.
    const position = positions[index] ?? { longitude: null as unknown as number, latitude: null as unknown as number };
    const native: NativePatrimonyRow = { ...parents, ...row, longitude: position.longitude, latitude: position.latitude };
    const building = firstOfBuilding.get(native.building_code) ?? native;
    firstOfBuilding.set(native.building_code, building);
    const residence = firstOfResidence.get(native.residence_code) ?? native;
    firstOfResidence.set(native.residence_code, residence);
    return {
      ...native,
      street_number: building.street_number, street_type: building.street_type, street_name: building.street_name,
      longitude: building.longitude, latitude: building.latitude, commune_insee: building.commune_insee,
      residence_name: residence.residence_name, qpv_code: residence.qpv_code,
    };
  });
  return { rows, errors };
}
