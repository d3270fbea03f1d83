/**
 * The backup file: gzipped JSON lines. Line 1 is the header; then, per table, a table line
 * followed by its rows, each a JSON array of the columns' PostgreSQL text forms (or null).
 * Text forms are engine-neutral: geometries as hex EWKB, arrays as '{…}', jsonb as JSON text.
 */
export const BACKUP_FORMAT = 'vigie-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: string;
  /** The migrations applied to the database saved: its schema version. */
  migrations: string[];
}

export interface TableLine {
  table: string;
  columns: string[];
  rows: number;
}
