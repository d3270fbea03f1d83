import type { Queryable } from '../../db/database.js';
import { chooseOrganisation } from '../import/service.js';
import type { OrganisationRef } from '../import/repository.js';
import { listNativeRows } from './repository.js';
import { writeNativeFile } from './write-file.js';

/** Writes an organisation's patrimony in the native import layout (.csv or .xlsx): re-importing it changes nothing. */
export async function exportPatrimonyFile(db: Queryable, siren: string | undefined, file: string): Promise<{ organisation: OrganisationRef; dwellings: number }> {
  const organisation = await chooseOrganisation(db, siren);
  const rows = await listNativeRows(db, organisation.id);
  await writeNativeFile(file, rows);
  return { organisation, dwellings: rows.length };
}
