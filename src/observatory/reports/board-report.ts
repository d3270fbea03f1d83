import { agencyTable, familyShareTable, hotPlaceTable, keyFigureTable, staffTable } from './domain/board-tables.js';
import { hotCommuneLabels, hotPlaces } from './domain/hot-cells.js';
import { formatCell, frenchDate } from './domain/tables.js';
import { hotspotMap, monthBars } from './pdf-figures.js';
import { finish, letterhead, note, openReport, paragraph, section, table, tiles } from './pdf-layout.js';
import { BOARD_CELL, BOARD_DISTANCE, type BoardReport } from './service.js';

/**
 * The annual report of the observatory to the board of directors (PDF): key figures of the year
 * beside the year before, families and costs, attacks on staff, agencies, the 36-month trend,
 * the map of Gi* hotspots drawn as vectors and the hot cells named by their residences. It stays
 * inside the landlord: figures are not suppressed, and no incident, address or free text appears.
 */
export function boardReportPdf(report: BoardReport): Promise<Buffer> {
  const { figures, year } = report;
  const pdf = openReport({ title: `Rapport annuel de l’observatoire des incivilités ${year}`, author: report.landlord });
  const { doc } = pdf;
  const current = figures.indicators.current;
  letterhead(doc, {
    landlord: report.landlord,
    kicker: 'Observatoire des incivilités — rapport au conseil d’administration',
    title: `Rapport annuel ${year}`,
    lines: [
      `Année civile ${year} (1er janvier – 31 décembre), comparée à ${year - 1}`,
      `Patrimoine suivi : ${formatCell(figures.dwellings, 'dwellings')} logements`,
      `Document établi le ${frenchDate(report.producedAt)}`,
    ],
  });
  tiles(doc, [
    { value: formatCell(current.incidents, 'count'), label: 'incidents' },
    { value: formatCell(current.ratePer100Dwellings, 'rate'), label: 'pour 100 logements' },
    { value: formatCell(current.staffAssaults.total, 'count'), label: 'atteintes aux personnels' },
    { value: formatCell(current.complaintShare, 'percent'), label: 'avec plainte déposée' },
    { value: formatCell(current.damageCost, 'euros'), label: 'coût des dégradations' },
  ]);
  section(doc, `Chiffres clés ${year}`);
  table(doc, keyFigureTable(figures, year));
  section(doc, 'Incidents et coûts par famille');
  table(doc, familyShareTable(figures));
  section(doc, 'Atteintes aux personnels (famille E)');
  table(doc, staffTable(figures));

  doc.addPage();
  section(doc, 'Évolution mensuelle sur 36 mois');
  monthBars(doc, figures.trend, figures.period.current);
  note(doc, `Incidents par mois de survenue (heure de Paris) ; en foncé, l’année ${year}.`);
  section(doc, 'Incidents par agence');
  table(doc, agencyTable(figures));
  note(doc, 'Indice de signalement : taux de l’agence rapporté au taux du bailleur. Très inférieur à 1 parmi des agences comparables, il suggère un sous-signalement plutôt que le calme.');

  doc.addPage();
  section(doc, 'Carte des points chauds');
  hotspotMap(doc, report.cells, report.points, BOARD_CELL, hotCommuneLabels(report.hotCells));
  note(doc, `Carrés de ${BOARD_CELL} m contenant des logements, colorés selon la statistique Gi* de Getis-Ord calculée sur le taux d’incidents pour 100 logements `
    + `(voisinage de ${BOARD_DISTANCE} m, seuils corrigés des tests multiples par la méthode de Benjamini–Hochberg) ; points gris : bâtiments, d’autant plus gros qu’ils comptent d’incidents. Projection Lambert-93, sans fond de carte.`);
  section(doc, 'Points chauds', 120);
  const places = hotPlaces(report.hotCells);
  if (places.length === 0) paragraph(doc, `Aucun point chaud significatif en ${year}.`);
  else {
    paragraph(doc, `${report.hotCells.length} carrés chauds en ${year}, regroupés ci-dessous par résidence`
      + (places.length > 20 ? ` (les 20 premiers lieux sur ${places.length})` : '') + '.');
    table(doc, hotPlaceTable(places));
    note(doc, 'Gi* compare chaque carré et son voisinage de 400 m au reste du patrimoine : un carré est chaud quand le taux y est élevé avec celui de ses voisins. '
      + 'Les carrés chauds sans incident propre (chauds par leur voisinage) ne sont pas listés ; ils figurent sur la carte.');
  }
  return finish(pdf, `${report.landlord} — observatoire des incivilités — rapport annuel ${year} — document interne`);
}
