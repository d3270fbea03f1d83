import { z } from '@hono/zod-openapi';

/** The problem+json body every error response carries (RFC 9457). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string(), line: z.number().int().optional() })).optional(),
  })
  .openapi('Problem');

/** A problem+json error response, for the OpenAPI document. */
export const problem = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });

/** Error responses shared by the routes, for the OpenAPI document. */
export const errorResponses = {
  400: problem('Invalid input; `errors` names each field'),
  401: problem('Authentication required'),
  403: problem('Outside the caller’s perimeter'),
  404: problem('No such object in the caller’s organisation'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A required JSON request body, validated by `schema` (400 naming the field otherwise). */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** A positive integer id in a path, rejected with 400 (naming the field) when malformed. */
export function IdParam<K extends string>(name: K) {
  const id = z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name, in: 'path' } });
  return z.object({ [name]: id } as { [P in K]: typeof id });
}
