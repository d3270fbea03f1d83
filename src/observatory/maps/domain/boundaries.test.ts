import { describe, expect, it } from 'vitest';
import { readBoundaries } from './boundaries.js';

const square = (lon: number, lat: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat]]] });
const feature = (properties: Record<string, unknown>, geometry: unknown = square(2.8, 50.4)) => ({ type: 'Feature', properties, geometry });

describe('readBoundaries', () => {
  it('reads Admin Express and re-exported keys, polygons and multipolygons', () => {
    const { boundaries, errors } = readBoundaries({
      type: 'FeatureCollection',
      features: [
        feature({ INSEE_COM: '62498', NOM: 'Lens' }),
        feature({ code: '2A004', nom: 'Ajaccio' }, { type: 'MultiPolygon', coordinates: [square(8.7, 41.9).coordinates] }),
      ],
    });
    expect(errors).toEqual([]);
    expect(boundaries.map(({ insee, name, geometry }) => [insee, name, geometry.type])).toEqual([['62498', 'Lens', 'Polygon'], ['2A004', 'Ajaccio', 'MultiPolygon']]);
  });

  it('names the feature and the field of each problem, and accepts nothing then', () => {
    const { boundaries, errors } = readBoundaries({
      type: 'FeatureCollection',
      features: [
        feature({ INSEE_COM: '62498' }),
        feature({ NOM: 'Sans code' }),
        feature({ INSEE_COM: '62498' }),
        feature({ INSEE_COM: '62041' }, { type: 'Point', coordinates: [2.7, 50.3] }),
        feature({ INSEE_COM: '62042' }, { type: 'Polygon', coordinates: [[[2.7, 50.3], [2.8, 50.3], [2.7, 50.3]]] }),
        feature({ INSEE_COM: '62043' }, square(684000, 7021000)),
      ],
    });
    expect(errors.map(({ line, field }) => [line, field])).toEqual([
      [2, 'features[1].properties.INSEE_COM'],
      [3, 'features[2].properties.INSEE_COM'],
      [4, 'features[3].geometry'],
      [5, 'features[4].geometry'],
      [6, 'features[5].geometry'],
    ]);
    expect(errors[1]!.message).toContain('déjà vu à l’objet 1');
    expect(errors[4]!.message).toContain('EPSG:4326');
    expect(boundaries).toHaveLength(1);
  });

  it('refuses anything but a non-empty FeatureCollection', () => {
    expect(readBoundaries({ type: 'Feature' }).errors).toEqual([expect.objectContaining({ field: 'type' })]);
    expect(readBoundaries({ type: 'FeatureCollection', features: [] }).errors).toEqual([expect.objectContaining({ field: 'features' })]);
  });
});
