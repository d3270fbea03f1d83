import { FAMILY_LABELS } from '../../incidents/domain/nomenclature.js';
import type { Family } from '../../incidents/domain/vocabulary.js';
import { staffTable } from './domain/board-tables.js';
import { formatCell, frenchDate, type ReportTable } from './domain/tables.js';
import type { UshSurvey } from './service.js';
import { tablesWorkbook } from './workbook.js';

/**
 * A year's counts and costs per family (A–F) and per category of the national nomenclature, in
 * the layout of the USH survey of incivilities (docs/observatory.md, "USH survey export"): the
 * dashboard's own figures for the whole landlord, one sheet per table, totals on each.
 */
export const USH_NOTES = [
  'Incidents comptés dans l’année de survenue (heure de Paris), hors brouillons et doublons fusionnés, sur tout le patrimoine du bailleur.',
  'Coût retenu : pour chaque incident, le coût réel de réparation lorsqu’il est connu, sinon le coût estimé ; un incident sans coût compte pour 0.',
  'Familles A à F et catégories de la nomenclature nationale, avec les libellés en vigueur chez le bailleur ; les catégories sans incident figurent avec 0.',
];

export function ushTables(survey: UshSurvey): ReportTable[] {
  const { figures } = survey;
  const counted = new Map(figures.categories.map((row) => [row.code, row]));
  const labels = new Map(survey.categories.map((category) => [category.code, category]));
  const codes = [...new Set([...survey.categories.filter((category) => category.active).map((category) => category.code), ...counted.keys()])].sort();
  return [
    {
      name: 'Familles', title: `Incidents et coûts par famille — ${survey.year}`, total: true,
      headers: ['Famille', 'Libellé', 'Incidents', 'Pour 100 logements', 'Coût retenu (€)'], kinds: ['text', 'text', 'count', 'rate', 'euros'],
      rows: figures.families.map((row) => [row.family, FAMILY_LABELS[row.family as Family].fr, row.incidents,
        figures.dwellings > 0 ? (row.incidents * 100) / figures.dwellings : null, row.damageCost]),
    },
    {
      name: 'Catégories', title: `Incidents et coûts par catégorie — ${survey.year}`, total: true,
      headers: ['Code', 'Libellé', 'Famille', 'Incidents', 'Coût retenu (€)'], kinds: ['text', 'text', 'text', 'count', 'euros'],
      rows: codes.map((code) => [code, labels.get(code)?.labelFr ?? code, code.slice(0, 1), counted.get(code)?.incidents ?? 0, counted.get(code)?.damageCost ?? 0]),
    },
    staffTable(figures),
  ];
}

export function ushWorkbook(survey: UshSurvey): Promise<Buffer> {
  const about: ReportTable = {
    name: 'Présentation', title: `Enquête nationale sur les incivilités (USH) — ${survey.year}`, headers: ['Rubrique'], kinds: ['text'],
    rows: [
      `Bailleur : ${survey.landlord}`,
      `Année : ${survey.year}`,
      `Logements suivis : ${formatCell(survey.figures.dwellings, 'dwellings')}`,
      `Établi le ${frenchDate(survey.producedAt)}`,
      ...USH_NOTES,
    ].map((line) => [line]),
  };
  return tablesWorkbook([about, ...ushTables(survey)], `${survey.landlord} — enquête USH ${survey.year}`);
}
