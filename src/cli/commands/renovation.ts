import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { validationError } from '../../core/errors.js';
import { systemActor } from '../../access/system-actor.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import { parseIsoDate } from '../../renovation/dpe/domain/dates.js';
import { UNMATCHED_REASONS } from '../../renovation/dpe/domain/matching.js';
import { importOperationFile } from '../../renovation/programme/import/service.js';
import { consumptionWorkbook, forecastWorkbook, trackingWorkbook } from '../../renovation/reports/service.js';
import { complianceOverview, importDpeFile, resolveOrganisation } from '../../renovation/service.js';
import { withDatabase } from '../database.js';

/** Unmatched lines printed; public extracts can leave thousands. */
const UNMATCHED_PRINTED = 50;

/** `vigie import dpe` (under the shared `import` command) and `vigie renovation compliance`. */
export function registerRenovation(program: Command): void {
  const importCommand = program.commands.find((command) => command.name() === 'import') ?? program.command('import').description('Import data files');
  importCommand
    .command('dpe <file>')
    .description('Import an ADEME DPE extract (dpe03existant columns, .csv or .xlsx); matched to dwellings by RPLS number, else BAN identifier or address, all or nothing, idempotent by numero_dpe')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .action(async (file: string, options: { organisation?: string }) => {
      const result = await withDatabase(async (db) => importDpeFile(db, await resolveOrganisation(db, options.organisation), file));
      console.log(`DPE lus : ${result.rows} — nouveaux : ${result.inserted}, mis à jour : ${result.updated}, non rattachés : ${result.unmatched}`);
      console.log(`  rattachés par numéro RPLS : ${result.matchedBy.rpls}, par identifiant BAN : ${result.matchedBy.ban}, par adresse : ${result.matchedBy.address} ; DPE de bâtiment : ${result.buildingDpes}`);
      for (const { line, numeroDpe, reason } of result.unmatchedLines.slice(0, UNMATCHED_PRINTED)) console.log(`  ligne ${line} : ${numeroDpe} — ${UNMATCHED_REASONS[reason].fr}`);
      if (result.unmatched > UNMATCHED_PRINTED) console.log(`  … et ${result.unmatched - UNMATCHED_PRINTED} autres lignes non rattachées`);
    });

  importCommand
    .command('operations <file>')
    .description('Import planned renovation operations (.csv or .xlsx, one line per operation; see docs/renovation.md); all or nothing, idempotent by operation_code')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .action(async (file: string, options: { organisation?: string }) => {
      const result = await withDatabase(async (db) =>
        importOperationFile(db, systemActor(await resolveOrganisation(db, options.organisation), 'cli:import operations'), file));
      console.log(`Opérations lues : ${result.operations} — créées : ${result.created}, mises à jour : ${result.updated}`);
    });

  const renovation = program.command('renovation').description('Renovation steering');
  registerReports(renovation);
  renovation
    .command('compliance')
    .description('Dwellings per letting ban (compliant, covered, at risk, not covered, unknown) and the E/F/G trajectory to 2034')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .option('--at <date>', 'evaluation date (YYYY-MM-DD), today by default')
    .option('--json', 'print JSON')
    .action(async (options: { organisation?: string; at?: string; json?: boolean }) => {
      const at = options.at ?? new Date().toISOString().slice(0, 10);
      if (!parseIsoDate(at)) throw validationError('Date invalide', [{ field: 'at', message: `AAAA-MM-JJ attendu, reçu « ${at} »` }]);
      const overview = await withDatabase(async (db) => complianceOverview(db, systemActor(await resolveOrganisation(db, options.organisation), 'cli:renovation compliance'), at));
      if (options.json) {
        console.log(JSON.stringify(overview, null, 2));
        return;
      }
      console.log(`Situation au ${overview.at} — ${overview.dwellings} logements`);
      console.log(`${'Échéance'.padEnd(68)}${'conformes'.padStart(10)}${'couverts'.padStart(10)}${'à risque'.padStart(10)}${'non couverts'.padStart(14)}${'inconnus'.padStart(10)}`);
      for (const { deadline, compliant, covered, atRisk, notCovered, unknown } of overview.deadlines) {
        console.log(`${`${deadline.from} ${deadline.title.fr}`.padEnd(68)}${String(compliant).padStart(10)}${String(covered).padStart(10)}${String(atRisk).padStart(10)}${String(notCovered).padStart(14)}${String(unknown).padStart(10)}`);
      }
      console.log(`\n${'Année'.padEnd(8)}${'E'.padStart(8)}${'F'.padStart(8)}${'G'.padStart(8)}${'inconnus'.padStart(10)}${'interdits'.padStart(11)}`);
      for (const year of overview.trajectory) {
        console.log(`${String(year.year).padEnd(8)}${String(year.E).padStart(8)}${String(year.F).padStart(8)}${String(year.G).padStart(8)}${String(year.unknown).padStart(10)}${String(year.banned).padStart(11)}`);
      }
    });
}

/** `vigie renovation report forecast|tracking|consumption --out file.xlsx`: the workbooks owed to the Département. */
function registerReports(renovation: Command): void {
  const report = renovation.command('report').description('Write a report workbook (XLSX) for the Département');
  const organisation = ['--organisation <siren>', 'SIREN of the organisation (needed when there are several)'] as const;
  const write = async (out: string, make: (db: Database, actor: Actor) => Promise<Buffer>, siren?: string) => {
    const buffer = await withDatabase(async (db) => make(db, systemActor(await resolveOrganisation(db, siren), 'cli:renovation report')));
    await writeFile(out, buffer);
    console.log(`Écrit : ${out} (${buffer.length} octets)`);
  };
  report
    .command('forecast')
    .description('November forecast: planned volumes of year N per territory and kind')
    .requiredOption('--year <year>', 'year N of the forecast')
    .requiredOption('--out <file>', 'XLSX file to write')
    .option(...organisation)
    .action(async (options: { year: string; out: string; organisation?: string }) => {
      const year = Number(options.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw validationError('Année invalide', [{ field: 'year', message: `année attendue, reçu « ${options.year} »` }]);
      await write(options.out, (db, actor) => forecastWorkbook(db, actor, year), options.organisation);
    });
  report
    .command('tracking')
    .description('Semi-annual tracking table of the operations financed by the Département')
    .requiredOption('--semester <semester>', 'YYYY-S1 or YYYY-S2')
    .requiredOption('--out <file>', 'XLSX file to write')
    .option(...organisation)
    .action(async (options: { semester: string; out: string; organisation?: string }) => {
      await write(options.out, (db, actor) => trackingWorkbook(db, actor, options.semester), options.organisation);
    });
  report
    .command('consumption')
    .description('Envelope consumption by year for each framework convention')
    .requiredOption('--out <file>', 'XLSX file to write')
    .option(...organisation)
    .action(async (options: { out: string; organisation?: string }) => {
      await write(options.out, (db, actor) => consumptionWorkbook(db, actor), options.organisation);
    });
}
