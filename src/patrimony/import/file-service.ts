import path from 'node:path';
import { auditWrite } from '../../access/audit.js';
import { systemActor } from '../../access/system-actor.js';
import { validationError, type FieldError } from '../../core/errors.js';
import type { Queryable } from '../../db/database.js';
import { isNativeHeader, readNativeTable } from './files/native-layout.js';
import { readTable, type Table } from './files/read-table.js';
import { completeRplsRows, isRplsHeader, readRplsTable, type AgencyRef, type RplsDwelling } from './files/rpls-layout.js';
import * as repository from './repository.js';
import type { OrganisationRef } from './repository.js';
import { importSource, resolveImportOrganisation, type ImportCounts, type ImportProgress, type ImportSource } from './service.js';

export type PatrimonyLayout = 'native' | 'rpls';

/** Which organisation to import into (see `resolveImportOrganisation`). */
export interface OrganisationChoice {
  siren?: string;
  name?: string;
}

export interface FileImportOptions {
  /** RPLS only: the agency (code) every dwelling goes to; by default, the agency already managing its commune. */
  agencyCode?: string;
  onProgress?: ImportProgress;
  /** How the audit log names who ran the import (default: the command line). */
  actorLabel?: string;
}

export function detectLayout(header: string[]): PatrimonyLayout {
  if (isNativeHeader(header)) return 'native';
  if (isRplsHeader(header)) return 'rpls';
  throw validationError('Format de fichier non reconnu (unrecognised file layout)', [{
    line: 1, field: 'header', message: 'ni le format natif (colonnes dwelling_code, building_code…) ni un extrait RPLS (colonnes DEPCOM, X, Y…)',
  }]);
}

export interface FileImportResult {
  organisation: OrganisationRef;
  layout: PatrimonyLayout;
  counts: ImportCounts;
}

/**
 * Imports a .csv or .xlsx patrimony file (native or RPLS layout) in one transaction, with the
 * organisation it creates if needed: all or nothing, audited as the system actor.
 */
export async function importPatrimonyFile(db: Queryable, choice: OrganisationChoice, file: string, options: FileImportOptions = {}): Promise<FileImportResult> {
  const table = await readTable(file);
  const layout = detectLayout(table.header);
  return db.transaction(async (tx) => {
    const organisation = await resolveImportOrganisation(tx, choice.siren, choice.name);
    const source = layout === 'native' ? readNativeTable(table) : await readRpls(tx, organisation.id, table, options.agencyCode);
    const counts = await importSource(tx, organisation.id, source, options.onProgress);
    await auditWrite(tx, systemActor(organisation.id, options.actorLabel ?? 'cli:import patrimony'), {
      action: 'patrimony.import', objectType: 'organisation', objectId: organisation.id, after: { file: path.basename(file), layout, counts },
    });
    return { organisation, layout, counts };
  });
}

async function readRpls(db: Queryable, organisationId: number, table: Table, agencyCode: string | undefined): Promise<ImportSource> {
  const { dwellings, errors, columnOf } = readRplsTable(table);
  const agencyOf = await agencyResolver(db, organisationId, agencyCode);
  const projected = await projectPositions(db, dwellings, errors);
  const completed = completeRplsRows(dwellings, agencyOf, projected);
  return {
    rows: completed.rows,
    lines: dwellings.map((dwelling) => dwelling.line),
    errors: [...errors, ...completed.errors],
    columnOf: (field) => columnOf[field as keyof typeof columnOf] ?? field,
  };
}

async function agencyResolver(db: Queryable, organisationId: number, agencyCode: string | undefined): Promise<(commune: string) => AgencyRef | undefined> {
  if (agencyCode === undefined) {
    const byCommune = await repository.agencyRefsByCommune(db, organisationId);
    return (commune) => byCommune.get(commune);
  }
  const agency = await repository.findAgencyRef(db, organisationId, agencyCode);
  if (!agency) throw validationError('Agence inconnue (unknown agency)', [{ field: 'agency', message: `aucune agence de code « ${agencyCode} » dans cet organisme` }]);
  return () => agency;
}

/** The file is refused anyway: a placeholder keeps the report to the one error about the system. */
const UNPROJECTABLE = { longitude: 0, latitude: 0 };

/** WGS84 positions of the dwellings (null where X/Y are missing, for validation to report). */
async function projectPositions(db: Queryable, dwellings: readonly RplsDwelling[], errors: FieldError[]) {
  const known = await repository.findKnownSrids(db, [...new Set(dwellings.map((dwelling) => dwelling.epsg))]);
  const unknown = new Set<RplsDwelling>();
  const located = dwellings.filter((dwelling) => {
    if (dwelling.x === null || dwelling.y === null) return false;
    if (known.has(dwelling.epsg)) return true;
    errors.push({ line: dwelling.line, field: 'EPSG', message: `système de coordonnées EPSG:${dwelling.epsg} inconnu` });
    unknown.add(dwelling);
    return false;
  });
  const positions = await repository.projectToWgs84(db, located.map(({ x, y, epsg }) => ({ x: x!, y: y!, srid: epsg })));
  const byDwelling = new Map(located.map((dwelling, index) => [dwelling, positions[index]!]));
  return dwellings.map((dwelling) => byDwelling.get(dwelling) ?? (unknown.has(dwelling) ? UNPROJECTABLE : null));
}
