import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, type ErrorKind, type FieldError } from '../core/errors.js';

/** RFC 9457 problem details, the single error envelope of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  422: 'Unprocessable content',
  415: 'Unsupported media type',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
};

export function problemResponse(c: Context, status: number, detail: string, errors?: FieldError[]): Response {
  const problem: Problem = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return c.body(JSON.stringify(problem), status as 400, { 'content-type': 'application/problem+json' });
}

export function zodFieldErrors(error: ZodError, location: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** Maps any thrown error to problem+json; only unexpected errors become a 500. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof AppError) return problemResponse(c, STATUS[error.kind], error.message, error.errors);
  if (error instanceof HTTPException) {
    const status = error.status;
    return problemResponse(c, status, status === 400 ? 'Malformed request body' : error.message);
  }
  console.error(error);
  return problemResponse(c, 500, 'An unexpected error occurred; it has been logged.');
}
