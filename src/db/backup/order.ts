/**
 * Orders tables so that every table comes after the tables it references (Kahn's algorithm,
 * ties by name). Tables caught in a reference cycle come last, by name.
 */
export function foreignKeyOrder<T extends { name: string; references: string[] }>(tables: readonly T[]): T[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const pending = new Map(tables.map((table) => [table.name, new Set(table.references.filter((name) => byName.has(name) && name !== table.name))]));
  const ordered: T[] = [];
  for (;;) {
    const ready = [...pending].filter(([, references]) => references.size === 0).map(([name]) => name).sort();
    if (ready.length === 0) break;
    for (const name of ready) {
      ordered.push(byName.get(name)!);
      pending.delete(name);
      for (const references of pending.values()) references.delete(name);
    }
  }
  return [...ordered, ...[...pending.keys()].sort().map((name) => byName.get(name)!)];
}
