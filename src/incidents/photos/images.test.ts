import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PHOTO_LIMITS } from './domain/limits.js';
import { preparePhoto } from './images.js';

const blank = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 20, g: 120, b: 200, alpha: 0.5 } } });

describe('photo preparation', () => {
  it('turns a photo upright from its orientation tag before the tag is dropped', async () => {
    const sideways = await blank(1200, 900).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const prepared = await preparePhoto(sideways);
    expect([prepared.width, prepared.height]).toEqual([900, 1200]);
    expect((await sharp(prepared.bytes).metadata()).orientation).toBeUndefined();
  });

  it('keeps PNG and WebP in their format, and always makes a JPEG thumbnail', async () => {
    const png = await preparePhoto(await blank(400, 300, 4).png().toBuffer());
    const webp = await preparePhoto(await blank(400, 300).webp().toBuffer());
    expect([png.mediaType, webp.mediaType]).toEqual(['image/png', 'image/webp']);
    expect((await sharp(png.bytes).metadata()).format).toBe('png');
    expect((await sharp(png.thumbnail).metadata()).format).toBe('jpeg');
  });

  it('reduces a large photo to the longest side kept, and never enlarges a small one', async () => {
    const large = await preparePhoto(await blank(4000, 3000).jpeg().toBuffer());
    expect([large.width, large.height]).toEqual([PHOTO_LIMITS.longSide, PHOTO_LIMITS.longSide * 0.75]);
    const small = await preparePhoto(await blank(200, 100).jpeg().toBuffer());
    expect([small.width, small.height]).toEqual([200, 100]);
    expect((await sharp(small.thumbnail).metadata()).width).toBe(200);
  });

  it('refuses other formats with 415 naming the field', async () => {
    const tiff = await blank(10, 10).tiff().toBuffer();
    await expect(preparePhoto(tiff)).rejects.toMatchObject({ kind: 'unsupported_media_type', errors: [{ field: 'photo' }] });
  });
});
