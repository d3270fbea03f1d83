import { SECRET, SMALL, THRESHOLD } from '../domain/suppression.js';
import {
  comparedTable, familyTable, formatCell, frenchDate, monthTable, periodName, placeTable, type ReportTable,
} from './domain/tables.js';
import { finish, letterhead, note, openReport, paragraph, section, table, tiles } from './pdf-layout.js';
import type { PartnerPack } from './service.js';
import { tablesWorkbook } from './workbook.js';

/**
 * The pack handed to a commune or a local security council (CLSPD/CISPD), as PDF and XLSX:
 * nothing finer than a commune or a priority neighbourhood (QPV), no incident, no address, no
 * free text, no victim or reporter (docs/observatory.md, "Partner packs").
 */
export const SUPPRESSION_NOTE = `Secret statistique : un effectif de 1 à ${THRESHOLD - 1} est remplacé par « ${SMALL} » ; `
  + `« ${SECRET} » masque un chiffre qui permettrait de le recalculer à partir des totaux, ainsi que les taux, parts et coûts qui en dépendent. `
  + 'Ce document ne contient aucune donnée individuelle : ni incident, ni adresse, ni texte libre, ni victime ou déclarant ; '
  + 'la maille la plus fine est la commune et le quartier prioritaire de la politique de la ville (QPV).';

const METHOD_NOTE = 'Incidents enregistrés par le bailleur (hors brouillons et doublons fusionnés), comptés dans le mois où ils se sont produits, heure de Paris, '
  + 'selon la nomenclature nationale des incivilités en six familles (A à F). Le taux rapporte les incidents aux logements du bailleur dans le périmètre. '
  + 'Un incident non signalé au bailleur n’est pas compté : une hausse peut traduire un meilleur signalement.';

export function packTables(pack: PartnerPack): ReportTable[] {
  const { figures } = pack;
  const names = new Map(pack.communes.map((commune) => [commune.insee, commune.name]));
  return [
    comparedTable(figures),
    familyTable(figures.families),
    placeTable('Communes', 'Incidents par commune', 'Commune', figures.communes.map((row) => ({ ...row, label: `${names.get(row.insee) ?? row.name ?? row.insee} (${row.insee})` }))),
    placeTable('QPV', 'Incidents par quartier prioritaire (QPV)', 'Quartier', figures.qpv.map((row) => ({ ...row, label: row.code ?? 'Hors QPV' }))),
    monthTable(figures.trend, figures.period.current),
  ];
}

const subject = (pack: PartnerPack) =>
  pack.communes.map((commune) => `${commune.name} (${commune.insee})`).join(', ') + (pack.qpv ? ` — QPV ${pack.qpv}` : '');
const headLines = (pack: PartnerPack) => [
  `Territoire : ${subject(pack)}`,
  `Période : ${periodName(pack.figures.period.current)}`,
  `Document établi le ${frenchDate(pack.producedAt)} à l’attention du conseil local de sécurité et de prévention de la délinquance (CLSPD)`,
];
const footerOf = (pack: PartnerPack) => `${pack.landlord} — observatoire des incivilités — ${subject(pack)} — ${periodName(pack.figures.period.current)} — diffusion restreinte aux membres du CLSPD`;

export function partnerPackPdf(pack: PartnerPack): Promise<Buffer> {
  const report = openReport({ title: `Observatoire des incivilités — ${subject(pack)}`, author: pack.landlord });
  const { doc } = report;
  const current = pack.figures.indicators.current;
  letterhead(doc, { landlord: pack.landlord, kicker: 'Observatoire des incivilités — dossier partenaires', title: 'Dossier partenaires du CLSPD', lines: headLines(pack) });
  tiles(doc, [
    { value: formatCell(current.incidents, 'count'), label: 'incidents sur la période' },
    { value: formatCell(current.ratePer100Dwellings, 'rate'), label: 'incidents pour 100 logements' },
    { value: formatCell(current.staffAssaults.total, 'count'), label: 'atteintes aux personnels' },
    { value: formatCell(current.complaintShare, 'percent'), label: 'part avec plainte déposée' },
  ]);
  note(doc, SUPPRESSION_NOTE);
  for (const entry of packTables(pack)) {
    section(doc, entry.title);
    table(doc, entry);
  }
  section(doc, 'Méthode', 90);
  paragraph(doc, METHOD_NOTE);
  return finish(report, footerOf(pack));
}

export function partnerPackWorkbook(pack: PartnerPack): Promise<Buffer> {
  const about: ReportTable = {
    name: 'Présentation', title: 'Observatoire des incivilités — dossier partenaires du CLSPD', headers: ['Rubrique'], kinds: ['text'],
    rows: [`Bailleur : ${pack.landlord}`, ...headLines(pack), SUPPRESSION_NOTE, METHOD_NOTE].map((line) => [line]),
  };
  return tablesWorkbook([about, ...packTables(pack)], `${pack.landlord} — ${subject(pack)} — ${periodName(pack.figures.period.current)}`);
}

export const packFilename = (pack: PartnerPack, format: 'pdf' | 'xlsx') =>
  `dossier-clspd-${pack.communes.map((commune) => commune.insee).join('-') || 'qpv'}${pack.qpv ? `-${pack.qpv}` : ''}-${pack.figures.period.current.from}-${pack.figures.period.current.to}.${format}`;
