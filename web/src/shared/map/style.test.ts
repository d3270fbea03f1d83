import { expect, it } from 'vitest';
import { baseStyle } from './style.js';

it('needs nothing from the internet without a basemap', () => {
  const style = baseStyle(null);
  expect(style.layers.map((layer) => layer.id)).toEqual(['background']);
  expect(style.glyphs).toBeUndefined();
  expect(style.sprite).toBeUndefined();
});

it('puts the configured raster basemap above the background', () => {
  const url = 'https://example.test/plan/{z}/{x}/{y}.png';
  const style = baseStyle(url);
  expect(style.layers.map((layer) => layer.id)).toEqual(['background', 'basemap']);
  expect(style.sources.basemap).toMatchObject({ type: 'raster', tiles: [url] });
});
