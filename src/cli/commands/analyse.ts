import type { Command } from 'commander';
import { validationError } from '../../core/errors.js';
import { hotspotAnalysis, nearRepeatAnalysis, trendAnalysis, type Analysis } from '../../observatory/stats/analyses.js';
import { readAnalysisRows, type RowNeeds } from '../../observatory/stats/io/analysis-rows.js';
import { periodKinds, type PeriodKind } from '../../observatory/stats/io/periods.js';
import { readTable } from '../../patrimony/import/files/read-table.js';
import { parseBounds, parseFormat, parsePositive, parseSeed, progressOnStderr, render, type OutputFormat } from './analyse-output.js';

/** `vigie analyse hotspots|near-repeat|trend`: the observatory's statistics on an analyst's CSV (docs/analysis.md). */
interface Common {
  input: string;
  format: string;
}

const readRows = async (input: string, needs: RowNeeds) => readAnalysisRows(await readTable(input), needs);

function parsePeriod(value: string | undefined): PeriodKind | undefined {
  if (value === undefined || (periodKinds as string[]).includes(value)) return value as PeriodKind | undefined;
  throw validationError('Option invalide / Invalid option', [{ field: '--period', message: `month, quarter ou year attendu, reçu « ${value} »` }]);
}

function parseAlpha(value: string): number {
  const alpha = Number(value);
  if (alpha > 0 && alpha < 1) return alpha;
  throw validationError('Option invalide / Invalid option', [{ field: '--alpha', message: `nombre entre 0 et 1 attendu, reçu « ${value} »` }]);
}

function print(format: OutputFormat, { summary, rows }: Analysis): void {
  console.log(render(format, summary, rows));
}

export function registerAnalyse(program: Command): void {
  const analyse = program.command('analyse').description('Statistiques de l’observatoire sur un fichier CSV / Observatory statistics on a CSV file');

  analyse
    .command('hotspots')
    .description('Points chauds Getis-Ord Gi* (grille ou unités), émergents avec --period / Gi* hot spots, emerging with --period')
    .requiredOption('--input <csv>', 'fichier CSV / CSV file')
    .option('--cell-size <m>', 'taille des cellules de la grille (m) / grid cell size', '200')
    .option('--distance <m>', 'bande de distance (m), 2 × cellule par défaut / distance band, default 2 × cell size')
    .option('--k <n>', 'k plus proches voisins au lieu de la bande (unités) / k nearest neighbours instead (units)')
    .option('--no-fdr', 'sans correction FDR de Benjamini–Hochberg / without FDR correction')
    .option('--permutations <n>', 'inférence par permutations (ex. 999) / permutation inference')
    .option('--seed <n>', 'graine des permutations / permutation seed', '1')
    .option('--period <kind>', 'points chauds émergents par month, quarter ou year / emerging hot spots')
    .option('--alpha <p>', 'seuil de significativité des périodes et de la tendance / significance level', '0.05')
    .option('--format <format>', 'json ou csv', 'json')
    .action(async (options: Common & { cellSize: string; distance?: string; k?: string; fdr: boolean; permutations?: string; seed: string; period?: string; alpha: string }) => {
      const format = parseFormat(options.format);
      const period = parsePeriod(options.period);
      const progress = progressOnStderr(period ? 'Périodes' : 'Permutations');
      const analysis = hotspotAnalysis(await readRows(options.input, { coordinates: true, date: period !== undefined }), {
        cellSize: parsePositive(options.cellSize, '--cell-size')!,
        distance: parsePositive(options.distance, '--distance'),
        k: parsePositive(options.k, '--k', { integer: true }),
        fdr: options.fdr,
        permutations: parsePositive(options.permutations, '--permutations', { integer: true }),
        seed: parseSeed(options.seed),
        period,
        alpha: parseAlpha(options.alpha),
        onProgress: progress.onProgress,
      });
      progress.stop();
      print(format, analysis);
    });

  analyse
    .command('near-repeat')
    .description('Test de Knox (répétitions proches) / Knox near-repeat test')
    .requiredOption('--input <csv>', 'fichier CSV / CSV file')
    .option('--distance-bands <m,…>', 'bornes des classes de distance (m), « inf » pour ouvrir la dernière / distance bounds', '0,100,200,400')
    .option('--time-bands <days,…>', 'bornes des classes de temps (jours) / time bounds (days)', '0,7,14,30')
    .option('--iterations <n>', 'permutations Monte-Carlo / Monte-Carlo permutations', '99')
    .option('--seed <n>', 'graine / seed', '1')
    .option('--metric <metric>', 'euclidean ou manhattan', 'euclidean')
    .option('--format <format>', 'json ou csv', 'json')
    .action(async (options: Common & { distanceBands: string; timeBands: string; iterations: string; seed: string; metric: string }) => {
      const format = parseFormat(options.format);
      if (options.metric !== 'euclidean' && options.metric !== 'manhattan') {
        throw validationError('Option invalide / Invalid option', [{ field: '--metric', message: `euclidean ou manhattan attendu, reçu « ${options.metric} »` }]);
      }
      const bands = { distanceBands: parseBounds(options.distanceBands, '--distance-bands'), timeBands: parseBounds(options.timeBands, '--time-bands') };
      const iterations = parsePositive(options.iterations, '--iterations', { integer: true })!;
      const rows = await readRows(options.input, { coordinates: true, date: true });
      const progress = progressOnStderr('Permutations');
      const analysis = nearRepeatAnalysis(rows, { ...bands, iterations, seed: parseSeed(options.seed), metric: options.metric, onProgress: progress.onProgress });
      progress.stop();
      print(format, analysis);
    });

  analyse
    .command('trend')
    .description('Tendance de Mann-Kendall et pente de Sen / Mann-Kendall trend and Sen slope')
    .requiredOption('--input <csv>', 'fichier CSV / CSV file')
    .option('--period <kind>', 'month, quarter ou year', 'month')
    .option('--alpha <p>', 'seuil de significativité / significance level', '0.05')
    .option('--format <format>', 'json ou csv (csv : une ligne de synthèse) / csv: one summary row', 'json')
    .action(async (options: Common & { period: string; alpha: string }) => {
      const format = parseFormat(options.format);
      const analysis = trendAnalysis(await readRows(options.input, { coordinates: false, date: true }), { period: parsePeriod(options.period)!, alpha: parseAlpha(options.alpha) });
      const summaryRow = Object.fromEntries(Object.entries(analysis.summary).map(([key, value]) => [key, value as string | number]));
      print(format, format === 'csv' ? { summary: {}, rows: [summaryRow] } : analysis);
    });
}
