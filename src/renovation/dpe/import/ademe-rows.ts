/**
 * Reads rows of the ADEME open data set « DPE Logements existants (depuis juillet 2021) »
 * (dpe03existant) and of the same columns for older DPEs. Pure: a table of text cells in, DPE
 * readings and line-level errors out. Only the columns below are read; others are ignored.
 */
import type { FieldError } from '../../../core/errors.js';
import { parseIsoDate } from '../domain/dates.js';
import { isDpeClass, type DpeClass } from '../domain/labels.js';
import { isBuildingDpe } from '../domain/matching.js';
import type { DpeReading } from '../domain/record.js';

export const ADEME_COLUMNS = {
  numeroDpe: 'numero_dpe',
  issuedOn: 'date_etablissement_dpe',
  sourceValidUntil: 'date_fin_validite_dpe',
  replaces: 'numero_dpe_remplace',
  sourceEnergyClass: 'etiquette_dpe',
  sourceGhgClass: 'etiquette_ges',
  primaryEnergy: 'conso_5_usages_par_m2_ep',
  finalEnergy: 'conso_5_usages_par_m2_ef',
  ghgEmissions: 'emission_ges_5_usages_par_m2',
  rplsId: 'numero_rpls_logement',
  banId: 'identifiant_ban',
  referenceSurface: 'surface_habitable_logement',
  altitudeClass: 'classe_altitude',
  climateZone: 'zone_climatique',
  application: 'methode_application_dpe',
  buildingType: 'type_batiment',
  banCommune: 'code_insee_ban',
  banStreetNumber: 'numero_voie_ban',
  banStreet: 'nom_rue_ban',
} as const;

/** The address the BAN geocoding gave the DPE (used when its RPLS number matches no dwelling). */
export interface AdemeAddress {
  communeInsee: string | null;
  number: string | null;
  street: string | null;
}

const REQUIRED = [ADEME_COLUMNS.numeroDpe, ADEME_COLUMNS.issuedOn] as const;

export interface TextTable {
  header: string[];
  records: { line: number; cells: string[] }[];
}

export interface AdemeReadResult {
  /** `buildingLevel`: a DPE of the whole building (`isBuildingDpe`), not of one dwelling. */
  readings: (DpeReading & { line: number; address: AdemeAddress; buildingLevel: boolean })[];
  errors: FieldError[];
}

const DPE_NUMBER = /^[0-9A-Z]{10,20}$/;
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

export function readAdemeTable(table: TextTable): AdemeReadResult {
  const index = new Map(table.header.map((name, position) => [name.trim().toLowerCase(), position]));
  const missing = REQUIRED.filter((name) => !index.has(name));
  if (missing.length > 0) {
    return { readings: [], errors: missing.map((name) => ({ line: 1, field: name, message: 'colonne obligatoire absente (required column missing)' })) };
  }
  const readings: AdemeReadResult['readings'] = [];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.records) {
    const cell = (column: string) => {
      const position = index.get(column);
      const text = position === undefined ? '' : (cells[position] ?? '').trim();
      return text === '' ? null : text;
    };
    const result = readRow(cell, line);
    errors.push(...result.errors);
    if (!result.reading) continue;
    const first = seen.get(result.reading.numeroDpe);
    if (first !== undefined) {
      errors.push({ line, field: ADEME_COLUMNS.numeroDpe, message: `DPE déjà présent ligne ${first} (duplicate of line ${first})` });
      continue;
    }
    seen.set(result.reading.numeroDpe, line);
    const address = { communeInsee: cell(ADEME_COLUMNS.banCommune), number: cell(ADEME_COLUMNS.banStreetNumber), street: cell(ADEME_COLUMNS.banStreet) };
    const buildingLevel = isBuildingDpe(cell(ADEME_COLUMNS.buildingType), result.reading.application);
    readings.push({ ...result.reading, line, address, buildingLevel });
  }
  return { readings, errors };
}

type Cell = (column: string) => string | null;

function readRow(cell: Cell, line: number): { reading?: DpeReading; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ line, field, message });

  const numeroDpe = cell(ADEME_COLUMNS.numeroDpe)?.toUpperCase() ?? null;
  if (numeroDpe === null) fail(ADEME_COLUMNS.numeroDpe, 'obligatoire (required)');
  else if (!DPE_NUMBER.test(numeroDpe)) fail(ADEME_COLUMNS.numeroDpe, `numéro de DPE invalide « ${numeroDpe} » (invalid DPE number)`);

  const date = (column: string, required: boolean) => {
    const text = cell(column);
    if (text === null) {
      if (required) fail(column, 'obligatoire (required)');
      return null;
    }
    const iso = parseIsoDate(text.slice(0, 10)) ?? parseIsoDate(text.replace(FRENCH_DATE, '$3-$2-$1'));
    if (!iso) fail(column, `date invalide « ${text} » (AAAA-MM-JJ ou JJ/MM/AAAA attendu)`);
    return iso ?? null;
  };
  const number = (column: string) => {
    const text = cell(column);
    if (text === null) return null;
    const value = Number(text.replace(',', '.'));
    if (!Number.isFinite(value) || value < 0) {
      fail(column, `nombre positif attendu, reçu « ${text} » (non-negative number expected)`);
      return null;
    }
    return value;
  };
  const dpeClass = (column: string): DpeClass | null => {
    const text = cell(column)?.toUpperCase() ?? null;
    if (text === null) return null;
    if (!isDpeClass(text)) fail(column, `classe A à G attendue, reçu « ${text} » (class A to G expected)`);
    return isDpeClass(text) ? text : null;
  };

  const issuedOn = date(ADEME_COLUMNS.issuedOn, true);
  const reading = {
    numeroDpe: numeroDpe ?? '',
    issuedOn: issuedOn ?? '',
    sourceValidUntil: date(ADEME_COLUMNS.sourceValidUntil, false),
    replaces: cell(ADEME_COLUMNS.replaces)?.toUpperCase() ?? null,
    sourceEnergyClass: dpeClass(ADEME_COLUMNS.sourceEnergyClass),
    sourceGhgClass: dpeClass(ADEME_COLUMNS.sourceGhgClass),
    primaryEnergy: number(ADEME_COLUMNS.primaryEnergy),
    finalEnergy: number(ADEME_COLUMNS.finalEnergy),
    ghgEmissions: number(ADEME_COLUMNS.ghgEmissions),
    referenceSurface: number(ADEME_COLUMNS.referenceSurface),
    altitudeAbove800m: altitude(cell(ADEME_COLUMNS.altitudeClass), fail),
    climateZone: cell(ADEME_COLUMNS.climateZone),
    application: cell(ADEME_COLUMNS.application),
    rplsId: cell(ADEME_COLUMNS.rplsId),
    banId: cell(ADEME_COLUMNS.banId)?.toLowerCase() ?? null,
  };
  if (reading.referenceSurface === 0) fail(ADEME_COLUMNS.referenceSurface, 'surface nulle (zero surface)');
  if (reading.replaces !== null && reading.replaces === numeroDpe) fail(ADEME_COLUMNS.replaces, 'un DPE ne peut se remplacer lui-même (a DPE cannot replace itself)');
  const hasFigures = reading.primaryEnergy !== null && reading.ghgEmissions !== null;
  if (!hasFigures && reading.sourceEnergyClass === null) {
    fail(ADEME_COLUMNS.sourceEnergyClass, 'ni étiquette ni consommation et émissions (neither class nor figures)');
  }
  return errors.length > 0 ? { errors } : { reading, errors };
}

/** classe_altitude: « inférieur à 400m », « 400-800m », « supérieur à 800m ». */
function altitude(text: string | null, fail: (field: string, message: string) => void): boolean | null {
  if (text === null) return null;
  const normalised = text.toLowerCase().replace(/\s+/g, '');
  if (normalised.startsWith('supérieur') || normalised.startsWith('superieur') || normalised === '>800m') return true;
  if (normalised.startsWith('inférieur') || normalised.startsWith('inferieur') || normalised === '400-800m') return false;
  fail(ADEME_COLUMNS.altitudeClass, `classe d'altitude inconnue « ${text} » (unknown altitude class)`);
  return null;
}
