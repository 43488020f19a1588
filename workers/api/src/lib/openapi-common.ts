import { z } from "@hono/zod-openapi";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .openapi("Problem");

const problemContent = { "application/problem+json": { schema: problemSchema } };

/** The error responses every authenticated operation can give. */
export const standardErrors = {
  400: { description: "Invalid request; `errors` lists each field", content: problemContent },
  401: { description: "Missing or invalid API key", content: problemContent },
  403: { description: "The key may not do this", content: problemContent },
  default: { description: "Any other error, as a problem", content: problemContent },
} as const;

export const notFoundError = { 404: { description: "Not found in your account", content: problemContent } } as const;
export const conflictError = { 409: { description: "Conflicts with an existing resource", content: problemContent } } as const;
export const unprocessableError = { 422: { description: "Valid, but refers to something that cannot be used", content: problemContent } } as const;

export const bearerAuth = [{ apiKey: [] }];
