import type { Person } from './model.js';

const FULL_CIVILITY = { 'M.': 'Monsieur', Mme: 'Madame' } as const;
const PLURAL_CIVILITY = { 'M.': 'Messieurs', Mme: 'Mesdames' } as const;

/** "M. Jean DUPONT": how findings name a person. */
export const shortName = (p: Person) => `${p.civility} ${p.firstName} ${p.lastName.toUpperCase()}`;

/** "Monsieur DUPONT": how the extract names a member. */
export const formalName = (p: Person) => `${FULL_CIVILITY[p.civility]} ${p.lastName.toUpperCase()}`;

/** "M. DUPONT Jean": how the extract names the rapporteur. */
export const rapporteurName = (p: Person) => `${p.civility} ${p.lastName.toUpperCase()} ${p.firstName}`;

/** "A, B et C". */
export function frenchList(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

/** "Messieurs X, Y et Madame Z": surnames grouped by civility, in order of first appearance. */
export function groupedByCivility(people: Person[]): string {
  const groups = new Map<Person['civility'], string[]>();
  for (const p of people) groups.set(p.civility, [...(groups.get(p.civility) ?? []), p.lastName.toUpperCase()]);
  // One "et" only, before the last group (or the last name when there is a single group).
  const join = groups.size > 1 ? (names: string[]) => names.join(', ') : frenchList;
  const phrases = [...groups].map(([civility, names]) => `${names.length > 1 ? PLURAL_CIVILITY[civility] : FULL_CIVILITY[civility]} ${join(names)}`);
  return frenchList(phrases);
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "1er mars 2024", "14 mars 2024" from an ISO date (French usage writes the first day as an ordinal). */
export function frenchLongDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}
