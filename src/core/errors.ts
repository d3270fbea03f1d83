/**
 * The one error type of Vigie. Services throw it; the HTTP layer maps `kind` to a status
 * and renders RFC 9457 problem+json; the CLI prints it. Anything else is a bug (500).
 */
export type ErrorKind = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'unsupported_media_type' | 'unprocessable';

/** One problem with one input field; `line` is set for file imports (1-based, header = 1). */
export interface FieldError {
  field: string;
  message: string;
  line?: number;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (message: string, errors: FieldError[]) => new AppError('validation', message, errors);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (message: string) => new AppError('conflict', message);
/** Well-formed input the caller must confirm or correct (e.g. free text that looks sensitive). */
export const unprocessable = (message: string, errors: FieldError[]) => new AppError('unprocessable', message, errors);
export const forbidden = (message = 'Not allowed') => new AppError('forbidden', message);
