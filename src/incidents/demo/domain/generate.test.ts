import { describe, expect, it } from 'vitest';
import { initialCategories } from '../../domain/nomenclature.js';
import { generateDemoIncidents, plantedHotResidences, type DemoIncident } from './generate.js';
import { buildHotspotsOfDemo, demoPlaces } from './demo-fixture.js';
import { cellHotspots, type DwellingUnit } from '../../../observatory/domain/hotspots.js';
import { toLambert93 } from '../../../observatory/stats/io/lambert93.js';

const until = new Date('2026-06-30T12:00:00Z');
const places = demoPlaces();
const categories = initialCategories();
const generate = (seed = 7) => [...generateDemoIncidents(places, categories, { seed, until, years: 10, ratePer100Dwellings: 2.2, scale: 1 })];
const incidents = generate();

const parisParts = (at: Date) => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  return { year: Number(part('year')), month: Number(part('month')), weekday: part('weekday'), hour: Number(part('hour')) };
};
const count = (keep: (incident: DemoIncident) => boolean) => incidents.filter(keep).length;

describe('demo incidents', () => {
  it('are the same for the same seed, and others for another seed', () => {
    const again = generate();
    expect(again.length).toBe(incidents.length);
    expect(again.slice(0, 200).map((incident) => [incident.externalId, incident.occurredAt.toISOString(), incident.place.buildingId]))
      .toEqual(incidents.slice(0, 200).map((incident) => [incident.externalId, incident.occurredAt.toISOString(), incident.place.buildingId]));
    expect(generate(8).slice(0, 50).map((incident) => incident.occurredAt.toISOString())).not.toEqual(incidents.slice(0, 50).map((incident) => incident.occurredAt.toISOString()));
  });

  it('span ten years at a believable volume, up to the end date', () => {
    const years = new Set(incidents.map((incident) => parisParts(incident.occurredAt).year));
    expect(years.size).toBe(11);
    expect(incidents.length).toBeGreaterThan(8_000);
    expect(incidents.length).toBeLessThan(20_000);
    expect(incidents.every((incident) => incident.recordedAt <= until && incident.history.every((change) => change.at <= until))).toBe(true);
  });

  it('make bulky waste and tags the most frequent, and G4 rare', () => {
    const byCode = new Map<string, number>();
    for (const incident of incidents) byCode.set(incident.category.code, (byCode.get(incident.category.code) ?? 0) + 1);
    const top = [...byCode].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([code]) => code);
    expect(top.sort()).toEqual(['A.DUMP', 'D.TAG']);
    const g4 = count((incident) => incident.severity === 'G4') / incidents.length;
    expect(g4).toBeGreaterThan(0);
    expect(g4).toBeLessThan(0.01);
  });

  it('follow seasons, evenings and weekends', () => {
    const noise = incidents.filter((incident) => incident.category.code === 'B.NOISE').map((incident) => parisParts(incident.occurredAt).month);
    expect(noise.filter((month) => month === 7).length).toBeGreaterThan(1.6 * noise.filter((month) => month === 1).length);
    const timed = incidents.filter((incident) => !incident.timeUnknown && incident.category.family !== 'E').map((incident) => parisParts(incident.occurredAt));
    const evening = timed.filter((parts) => parts.hour >= 18 && parts.hour <= 23).length / timed.length;
    expect(evening).toBeGreaterThan(0.4);
    const perDay = (days: string[]) => timed.filter((parts) => days.includes(parts.weekday)).length / days.length;
    expect(perDay(['Sat', 'Sun'])).toBeGreaterThan(1.2 * perDay(['Mon', 'Tue', 'Wed', 'Thu']));
  });

  it('show rising attacks on staff', () => {
    const staff = (year: number) => count((incident) => incident.category.family === 'E' && parisParts(incident.occurredAt).year === year);
    expect(staff(2025)).toBeGreaterThan(1.8 * staff(2017));
  });

  it('keep the workflow: closed incidents have an outcome and a closing, complaints name a police station', () => {
    for (const incident of incidents) {
      expect(incident.history.at(-1)!.after).toBe(incident.status);
      expect(incident.outcome !== null).toBe(incident.status === 'closed');
      for (const action of incident.actions) {
        if (action.kind === 'complaint_filed' || action.kind === 'accompanied_complaint') expect(action.policeStation).toMatch(/^Commissariat de /);
        if (action.kind === 'hr_support') expect(incident.category.family).toBe('E');
      }
    }
    expect(count((incident) => incident.status === 'closed') / incidents.length).toBeGreaterThan(0.9);
  });

  it('make the planted residences come out hot in Gi* (rates per 100 dwellings in 200 m cells, FDR 99 %)', () => {
    const planted = plantedHotResidences(places, 7);
    expect(planted).toHaveLength(4);
    const units = buildHotspotsOfDemo(places, incidents.filter((incident) => parisParts(incident.occurredAt).year === 2025));
    const cells = cellHotspots(units, 200, { distance: 400 }).map((cell) => ({ ...cell, at: toLambert93(cell.lon, cell.lat) }));
    const cellOf = (unit: DwellingUnit) => {
      const [x, y] = toLambert93(unit.lon, unit.lat);
      return cells.find((cell) => Math.abs(cell.at[0] - x) <= 100.01 && Math.abs(cell.at[1] - y) <= 100.01)!;
    };
    const residenceOf = new Map(places.map((place) => [place.buildingId, place.residenceId]));
    for (const residence of planted) {
      const own = units.filter((unit) => residenceOf.get(unit.id) === residence);
      const hotDwellings = own.filter((unit) => cellOf(unit).bin === 3).reduce((sum, unit) => sum + unit.dwellings, 0);
      const dwellings = own.reduce((sum, unit) => sum + unit.dwellings, 0);
      expect(hotDwellings / dwellings, `residence ${residence}`).toBeGreaterThan(0.5);
    }
    expect(cells.filter((cell) => cell.bin >= 2).length / cells.length).toBeLessThan(0.05);
  });
});
