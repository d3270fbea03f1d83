import { perimeterFor, requireAccess } from '../../access/authorize.js';
import { forbidden } from '../../core/errors.js';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import { writeWorkbook, sheet } from '../../renovation/reports/workbook.js';
import { buildDashboard } from '../domain/dashboard.js';
import type { MonthRange } from '../domain/months.js';
import { partnerDashboard } from '../domain/partner-view.js';
import { SECRET, SMALL, THRESHOLD } from '../domain/suppression.js';
import type { Scope } from '../filters.js';
import { dashboardInputs } from '../service.js';
import { finish, formatCell, note, openReport, section, table, title } from './pdf-layout.js';
import { organisationName, communeNames } from './repository.js';
import { comparedTable, familyTable, frenchDate, hourTable, periodName, placeTable, trendTable, type ReportTable } from './tables.js';

/**
 * The pack handed to a commune or a local security council (CLSPD/CISPD): the partner view of
 * the dashboard over the communes asked for, whoever asks — small counts become « < 5 » and
 * secondary cells « s » even for the landlord's own staff, since the file leaves the landlord.
 * Nothing finer than a commune or a priority neighbourhood (QPV), no incident, no address, no
 * free text (docs/observatory.md, "Partner packs").
 */
export interface PartnerPack {
  landlord: string;
  communes: { insee: string; name: string }[];
  producedAt: Date;
  figures: ReturnType<typeof partnerDashboard>;
}

export async function partnerPack(db: Queryable, actor: Actor, communes: readonly string[], period: MonthRange, now = new Date()): Promise<PartnerPack> {
  if (!perimeterFor(actor, 'read_aggregates')) throw forbidden('Permission « read_aggregates » refusée (permission denied)');
  const asked = [...new Set(communes)].sort();
  return db.transaction(async (tx) => {
    // A commune is granted only when the caller's perimeter covers every agency holding dwellings there (or the commune itself).
    for (const insee of asked) await requireAccess(tx, actor, 'read_aggregates', { kind: 'commune', insee });
    const scope: Scope = { organisationId: actor.organisationId, perimeter: { wholeOrganisation: false, agencyIds: [], directorateIds: [], communes: asked } };
    const full = buildDashboard(await dashboardInputs(tx, scope, { period }));
    return { landlord: await organisationName(tx, actor.organisationId), communes: await communeNames(tx, asked), producedAt: now, figures: partnerDashboard(full) };
  });
}

export const SUPPRESSION_NOTE = `Secret statistique : un effectif de 1 à ${THRESHOLD - 1} est remplacé par « ${SMALL} » ; `
  + `« ${SECRET} » masque un chiffre qui permettrait de le recalculer à partir des totaux, et les taux qui en dépendent. `
  + 'Ce document ne contient aucune donnée individuelle : ni incident, ni adresse, ni texte libre, ni victime ou déclarant ; '
  + 'la maille la plus fine est la commune et le quartier prioritaire (QPV).';

export function packTables(pack: PartnerPack): ReportTable[] {
  const { figures } = pack;
  const names = new Map(pack.communes.map((commune) => [commune.insee, commune.name]));
  const tables = [
    comparedTable(figures),
    familyTable(figures.families),
    placeTable('Communes', 'Incidents par commune', figures.communes.map((row) => ({ ...row, label: `${names.get(row.insee) ?? row.name ?? row.insee} (${row.insee})` }))),
    placeTable('QPV', 'Incidents par quartier prioritaire', figures.qpv.map((row) => ({ ...row, label: row.code ?? 'Hors QPV' }))),
    trendTable(figures.trend, figures.period.current),
  ];
  return figures.hourWeekday.available ? [...tables, hourTable(figures.hourWeekday.grid)] : tables;
}

const subject = (pack: PartnerPack) => pack.communes.map((commune) => `${commune.name} (${commune.insee})`).join(', ');
const headLines = (pack: PartnerPack) => [
  `Bailleur : ${pack.landlord}`,
  `Communes : ${subject(pack)}`,
  `Période : ${periodName(pack.figures.period.current)}`,
  `Document produit le ${frenchDate(pack.producedAt)}`,
];

export function partnerPackPdf(pack: PartnerPack): Promise<Buffer> {
  const report = openReport({ title: `Observatoire des incivilités — ${subject(pack)}`, author: pack.landlord });
  title(report.doc, ['Observatoire des incivilités — dossier partenaires', ...headLines(pack)]);
  note(report.doc, SUPPRESSION_NOTE);
  for (const entry of packTables(pack)) {
    section(report.doc, entry.title);
    table(report.doc, entry.headers, entry.rows.map((row) => row.map(formatCell)));
  }
  if (!pack.figures.hourWeekday.available) note(report.doc, 'La répartition par jour et heure n’est pas tenue à la maille de la commune : elle ne figure pas dans ce dossier.');
  return finish(report, `${pack.landlord} — observatoire des incivilités — ${periodName(pack.figures.period.current)}`);
}

export function partnerPackWorkbook(pack: PartnerPack): Promise<Buffer> {
  const about = { name: 'Présentation', title: 'Observatoire des incivilités — dossier partenaires', headers: ['Rubrique'], rows: [...headLines(pack), SUPPRESSION_NOTE].map((line) => [line]) };
  return writeWorkbook([about, ...packTables(pack)].map((entry) => sheet({
    name: entry.name,
    title: entry.title,
    rows: entry.rows,
    columns: entry.headers.map((header, index) => ({ header, kind: index === 0 ? 'text' as const : 'integer' as const, value: (row: (typeof entry.rows)[number]) => row[index] ?? null, width: index === 0 ? 40 : 14 })),
  })));
}
