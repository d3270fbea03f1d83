import { validationError, type FieldError } from '../../core/errors.js';
import { z } from 'zod';
import { SessionFileSchema, type SessionFile } from './model.js';

// Per-parse locale, not z.config(): French messages without changing zod for the rest of the process.
const frenchMessages = z.locales.fr().localeError;

/** Parses and validates a session file; bad JSON or schema → one validation error listing every path. */
export function parseSessionFile(text: string): SessionFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw validationError('Fichier JSON illisible (unreadable JSON file)', [{ field: '(fichier)', message: (error as Error).message }]);
  }
  return validateSessionFile(json);
}

/** Validates an already parsed session file (e.g. a JSON request body); same errors as `parseSessionFile`. */
export function validateSessionFile(json: unknown): SessionFile {
  const parsed = SessionFileSchema.safeParse(json, { error: frenchMessages });
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => ({
    field: issue.path.length === 0 ? '(racine)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw validationError('Fichier de séance non conforme au format documenté (session file does not match the format)', errors);
}
