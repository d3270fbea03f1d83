import sharp from 'sharp';

/** What the test photo carries that must never be stored: the author's name and the place it was taken. */
export const PRIVATE_MARKS = { artist: 'Jean Dupont', datum: 'VIGIE-GPS-DATUM' };

/** A phone-like JPEG with EXIF: author, camera, and GPS coordinates of a building in Lens. */
export function photoWithGps(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Artist: PRIVATE_MARKS.artist, Make: 'VigiePhone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 26/1 1932/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 49/1 1020/100', GPSMapDatum: PRIVATE_MARKS.datum },
    })
    .toBuffer();
}

/**
 * Whether a JPEG's EXIF block points at a GPS directory (TIFF tag 0x8825 in IFD0), read from the
 * bytes without sharp, so the check does not trust the library under test.
 */
export function hasGpsDirectory(jpeg: Uint8Array): boolean {
  const bytes = Buffer.from(jpeg);
  const exif = bytes.indexOf(Buffer.from('Exif\0\0', 'latin1'));
  if (exif < 0) return false;
  const tiff = exif + 6;
  const little = bytes.toString('latin1', tiff, tiff + 2) === 'II';
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const ifd0 = tiff + u32(tiff + 4);
  for (let entry = 0; entry < u16(ifd0); entry++) {
    if (u16(ifd0 + 2 + entry * 12) === 0x8825) return true;
  }
  return false;
}
