#!/usr/bin/env node
// Dependency checks that need nothing but the lock file and the installed tree (no advisory
// database): where each package comes from, which may run install scripts, and under which
// licence it is distributed. Exits 1 naming every package that breaks a rule.
// Usage: node .ci/check-dependencies.mjs [project directory, default: the repository]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

/** Licences that may be shipped inside an AGPL-3.0-or-later application (SPDX identifiers). */
const ALLOWED_LICENCES = new Set([
  'MIT', 'MIT-0', 'ISC', '0BSD', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', 'BlueOak-1.0.0', 'Zlib', 'Unlicense', 'CC0-1.0',
  'MPL-2.0', 'LGPL-3.0-or-later', 'GPL-3.0-or-later', 'AGPL-3.0-or-later', 'CC-BY-4.0', 'Python-2.0',
]);

/** Packages whose licence a person read because the package does not declare it in SPDX form. */
const REVIEWED = {
  // Open question, written down in docs/security.md: to settle with its author or to replace.
  buffers: 'declares no licence at all (0.1.1, reached through exceljs → unzipper → binary → buffers)',
  chainsaw: 'declares "MIT/X11", the MIT licence',
  'humanize-number': 'MIT, stated in its Readme (development only)',
  'png-js': 'MIT, in its LICENSE file (the package.json declares none)',
  only: 'MIT, stated in its Readme (development only)',
};

/** True when the SPDX expression is satisfiable with allowed licences only (OR: one side; AND: both). */
export function licenceAllowed(expression) {
  const tokens = expression.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let position = 0;
  const primary = () => {
    const token = tokens[position++];
    if (token === '(') {
      const value = either();
      position++;
      return value;
    }
    if (tokens[position] === 'WITH') position += 2;
    return ALLOWED_LICENCES.has(token);
  };
  const both = () => {
    let value = primary();
    while (tokens[position] === 'AND') {
      position++;
      value = primary() && value;
    }
    return value;
  };
  const either = () => {
    let value = both();
    while (tokens[position] === 'OR') {
      position++;
      value = both() || value;
    }
    return value;
  };
  return either() && position === tokens.length;
}

/** The licence as the lock records it, else as the installed package.json declares it (old `licenses` arrays included). */
function declaredLicence(location, entry) {
  if (typeof entry.license === 'string') return entry.license;
  const manifest = path.join(root, location, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const { license, licenses } = JSON.parse(readFileSync(manifest, 'utf8'));
  if (typeof license === 'string') return license;
  if (Array.isArray(licenses) && licenses.length > 0) return licenses.map((item) => item.type).join(' OR ');
  return undefined;
}

const packageName = (location) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

export function problems() {
  const lock = readJson('package-lock.json');
  const allowScripts = readJson('package.json').allowScripts ?? {};
  const found = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || entry.link) continue;
    const name = packageName(location);
    const label = `${name}@${entry.version}`;
    if (!entry.integrity?.startsWith('sha512-')) found.push(`${label}: no sha512 integrity in the lock file`);
    // A registry tarball (…/<name>/-/<name>-<version>.tgz over https); git, file and plain-http sources are refused.
    if (entry.resolved && !/^https:\/\/.+\/-\/[^/]+\.tgz$/.test(entry.resolved)) found.push(`${label}: not from the npm registry (${entry.resolved})`);
    if (entry.hasInstallScript && allowScripts[name] !== true) found.push(`${label}: has install scripts but is not in package.json allowScripts`);
    const licence = declaredLicence(location, entry);
    if (REVIEWED[name]) continue;
    if (licence === undefined) found.push(`${label}: declares no licence`);
    else if (!licenceAllowed(licence)) found.push(`${label}: licence ${licence} is not in the allow-list`);
  }
  return { packages: Object.keys(lock.packages).length - 1, found };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { packages, found } = problems();
  if (found.length > 0) {
    console.error(`Dependency check failed (${found.length}):\n  ${found.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Dependency check: ${packages} packages, each from the npm registry with a sha512 integrity, install scripts only where allowed, licences in the allow-list (${Object.keys(REVIEWED).length} reviewed by hand).`);
}
