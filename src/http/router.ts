import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';
import { problemResponse, zodFieldErrors } from './problem.js';

export type VigieApp = OpenAPIHono<AppEnv>;

/** A router for one capability, with the shared validation hook (400 naming the field). */
export function createRouter(): VigieApp {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemResponse(c, 400, 'Some fields are invalid', zodFieldErrors(result.error, result.target));
      }
    },
  });
}
