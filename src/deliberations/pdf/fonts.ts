import { existsSync } from 'node:fs';
import path from 'node:path';

export interface FontSet {
  regular: string;
  bold: string;
  italic: string;
}

/** Debian's fonts-dejavu-core (and the same files elsewhere): TrueType with every French accent, ligature and guillemet. */
const DEJAVU_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/usr/local/share/fonts/dejavu'];
const DEJAVU = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' } as const;

/** PDF core fonts, used when DejaVu is not installed: WinAnsi still covers French text. */
const CORE_FONTS: FontSet = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };

/** Font files found at run time (`VIGIE_PDF_FONT_DIR` first), or the core fonts. */
export function findFonts(env: NodeJS.ProcessEnv = process.env): FontSet {
  const dirs = [env.VIGIE_PDF_FONT_DIR, ...DEJAVU_DIRS].filter((dir): dir is string => Boolean(dir));
  for (const dir of dirs) {
    const files = { regular: path.join(dir, DEJAVU.regular), bold: path.join(dir, DEJAVU.bold), italic: path.join(dir, DEJAVU.italic) };
    if (Object.values(files).every((file) => existsSync(file))) return files;
  }
  return CORE_FONTS;
}
