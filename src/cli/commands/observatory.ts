import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../access/system-actor.js';
import { partnerPackRequest, reportFile, type ReportRequest } from '../../observatory/reports/files.js';
import { lastYear, parseOptions, PartnerPackQuerySchema, YearQuerySchema } from '../../observatory/reports/schemas.js';
import { chooseOrganisation } from '../../patrimony/import/service.js';
import { withDatabase } from '../database.js';

const ORGANISATION = ['--organisation <siren>', 'SIREN of the organisation (needed when there are several)'] as const;

async function write(out: string, siren: string | undefined, request: () => ReportRequest): Promise<void> {
  const file = await withDatabase(async (db) => reportFile(db, systemActor((await chooseOrganisation(db, siren)).id, 'cli:observatory report'), request()));
  await writeFile(out, file.body);
  console.log(`Écrit : ${out} (${file.body.length} octets)`);
}

/** `vigie observatory partner-pack|board-report|ush-survey --out <file>`: the observatory's report files, as the API serves them. */
export function registerObservatory(program: Command): void {
  const observatory = program.command('observatory').description('Observatory report files');
  observatory
    .command('partner-pack')
    .description('Partner pack for a local security council (CLSPD): communes or a QPV over a period, small counts shown « < 5 » (PDF or XLSX)')
    .option('--commune <insee...>', 'INSEE code of a commune (repeatable)')
    .option('--qpv <code>', 'priority neighbourhood (QPV) code')
    .option('--from <month>', 'first month (YYYY-MM)')
    .option('--to <month>', 'last month (YYYY-MM), the current month by default')
    .option('--format <format>', 'pdf or xlsx', 'pdf')
    .requiredOption('--out <file>', 'file to write')
    .option(...ORGANISATION)
    .action((options: { commune?: string[]; qpv?: string; from?: string; to?: string; format: string; out: string; organisation?: string }) =>
      write(options.out, options.organisation, () => partnerPackRequest(parseOptions(PartnerPackQuerySchema, { ...options, communes: options.commune?.join(',') }))));
  for (const [name, kind, description] of [
    ['board-report', 'board', 'Annual report to the board (PDF): key figures, trend, map and hotspots of a year'],
    ['ush-survey', 'ush-survey', 'Counts and costs per family and category of a year, in the layout of the USH survey (XLSX)'],
  ] as const) {
    observatory
      .command(name)
      .description(description)
      .option('--year <year>', 'calendar year, the last complete one by default')
      .requiredOption('--out <file>', 'file to write')
      .option(...ORGANISATION)
      .action((options: { year?: string; out: string; organisation?: string }) =>
        write(options.out, options.organisation, () => ({ kind, year: parseOptions(YearQuerySchema, { year: options.year }).year ?? lastYear() })));
  }
}
