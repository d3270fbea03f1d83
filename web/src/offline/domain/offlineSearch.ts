/** The fields of a residence the offline search matches and answers with. */
export interface SearchableResidence {
  name: string;
  externalId: string;
  communeName: string;
  communeInsee: string;
  qpvCode: string | null;
}

/** Lower case, accents removed: "Élysée" matches "elysee" as the server's search does. */
const folded = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** The residences whose name, code, commune or QPV contains every word of the query. */
export function searchOffline<T extends SearchableResidence>(residences: readonly T[], query: string, limit: number): T[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const matches = residences.filter((residence) => {
    const text = folded([residence.name, residence.externalId, residence.communeName, residence.communeInsee, residence.qpvCode ?? ''].join(' '));
    return words.every((word) => text.includes(word));
  });
  return matches.sort((a, b) => a.name.localeCompare(b.name, 'fr')).slice(0, limit);
}
