import type { buildDashboard } from '../../domain/dashboard.js';
import { CONFIDENCE, type HotPlace } from './hot-cells.js';
import { familyName, type CellKind, type ReportTable } from './tables.js';

/** Tables of the annual report to the board, from the whole landlord's dashboard of a year (no suppression: it stays inside). */
type Dashboard = ReturnType<typeof buildDashboard>;
type Indicators = Dashboard['indicators']['current'];

const change = (now: number | null, before: number | null) => (now === null || before === null || before === 0 ? null : (now - before) / before);

export function keyFigureTable(dashboard: Dashboard, year: number): ReportTable {
  const { current, lastYear } = dashboard.indicators;
  const lines: [string, CellKind, (indicators: Indicators) => number | null][] = [
    ['Incidents', 'count', (i) => i.incidents],
    ['Incidents pour 100 logements', 'rate', (i) => i.ratePer100Dwellings],
    ['Coût des dégradations (€)', 'euros', (i) => i.damageCost],
    ['Coût par logement et par an (€)', 'rate', (i) => i.damageCostPerDwellingPerYear],
    ['Part des incidents avec plainte déposée', 'percent', (i) => i.complaintShare],
    ['Durée moyenne de traitement (heures)', 'hours', (i) => i.meanHandlingHours],
    ['Atteintes aux personnels', 'count', (i) => i.staffAssaults.total],
    ['Atteintes aux personnels pour 100 salariés', 'rate', (i) => i.staffAssaults.per100Staff],
  ];
  return {
    name: 'Chiffres clés', title: `Chiffres clés ${year}`,
    headers: ['', String(year), String(year - 1), 'Évolution'],
    kinds: ['text', 'row', 'row', 'percent'],
    rowKinds: lines.map(([, kind]) => kind),
    rows: lines.map(([label, kind, pick]) => {
      const [now, before] = [pick(current), pick(lastYear)];
      return [label, now, before, kind === 'percent' ? null : change(now, before)];
    }),
  };
}

export function familyShareTable(dashboard: Dashboard): ReportTable {
  const total = dashboard.indicators.current.incidents;
  return {
    name: 'Familles', title: 'Incidents et coûts par famille',
    headers: ['Famille', 'Incidents', 'Part', 'Coût des dégradations (€)'], kinds: ['text', 'count', 'percent', 'euros'], total: true,
    rows: dashboard.families.map((row) => [familyName(row.family), row.incidents, total > 0 ? row.incidents / total : null, row.damageCost]),
  };
}

export function staffTable(dashboard: Dashboard): ReportTable {
  const { staffAssaults: now } = dashboard.indicators.current;
  const { staffAssaults: before } = dashboard.indicators.lastYear;
  const lines: [string, (staff: typeof now) => number][] = [
    ['Verbales (injures, menaces)', (s) => s.verbal], ['Physiques', (s) => s.physical], ['Autres', (s) => s.other],
    ['  sans ITT', (s) => s.itt.none], ['  ITT jusqu’à 8 jours', (s) => s.itt.upTo8Days], ['  ITT de plus de 8 jours', (s) => s.itt.over8Days], ['  ITT non renseignée', (s) => s.itt.unknown],
  ];
  return {
    name: 'Personnels', title: 'Atteintes aux personnels (famille E)',
    headers: ['', 'Année', 'Année précédente'], kinds: ['text', 'count', 'count'],
    rows: lines.map(([label, pick]) => [label, pick(now), pick(before)]),
  };
}

export function agencyTable(dashboard: Dashboard): ReportTable {
  return {
    name: 'Agences', title: 'Incidents par agence',
    headers: ['Agence', 'Logements', 'Incidents', 'Année précédente', 'Pour 100 logements', 'Indice de signalement'],
    kinds: ['text', 'dwellings', 'count', 'count', 'rate', 'rate'], total: true,
    rows: [...dashboard.agencies].sort((a, b) => b.incidents - a.incidents).map((row) => [row.name, row.dwellings, row.incidents, row.lastYear, row.ratePer100Dwellings, row.reportingIndex]),
  };
}

/** The hot places listed under the map (the first `limit`). */
export function hotPlaceTable(places: readonly HotPlace[], limit = 20): ReportTable {
  return {
    name: 'Points chauds', title: 'Points chauds (Gi*, carrés de 200 m, FDR)',
    headers: ['Résidences (commune)', 'Carrés', 'Logements', 'Incidents', 'Pour 100 logements', 'Confiance'],
    kinds: ['text', 'count', 'dwellings', 'count', 'rate', 'text'],
    rows: places.slice(0, limit).map((place) => [
      `${place.residences.join(', ') || 'Sans résidence nommée'}${place.communes.length > 0 ? ` (${place.communes.join(', ')})` : ''}`,
      place.cells, place.dwellings, place.incidents, place.ratePer100Dwellings, CONFIDENCE[place.bin] ?? '',
    ]),
  };
}
