import proj4 from 'proj4';

/**
 * RGF93 / Lambert-93 (EPSG:2154), the official French metric projection, from WGS 84 longitude
 * and latitude (RGF93 and WGS 84 agree to the metre, hence no datum shift). Parameters are
 * IGN's: secant cone at 44° and 49° N, origin 46.5° N 3° E, false easting 700 km, false northing
 * 6600 km, GRS 80 ellipsoid.
 */
const lambert93 = proj4(
  'EPSG:4326',
  '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
);

export function toLambert93(longitude: number, latitude: number): [number, number] {
  const [x, y] = lambert93.forward([longitude, latitude]);
  return [x!, y!];
}

/** The inverse: WGS 84 longitude and latitude of a Lambert-93 point (map display of grid cells). */
export function fromLambert93([x, y]: readonly [number, number]): [number, number] {
  const [longitude, latitude] = lambert93.inverse([x, y]);
  return [longitude!, latitude!];
}
