/**
 * What a 202 adds when the body had keys the endpoint does not know: `ignoredFields`, JSON pointers like a
 * problem's (`/body/clickid`). The order is still taken (a shop's orders are not refused for an extra key),
 * and the integrator sees the typo in the answer instead of finding an order with no affiliate later.
 */
import type { z } from "zod";
import { unknownKeys } from "../../../../core/schemas/unknown-keys";

export function ignoredFieldsOf(schema: z.ZodType, body: unknown): { ignoredFields?: string[] } {
  const ignored = unknownKeys(schema, body);
  return ignored.length === 0 ? {} : { ignoredFields: ignored.map((p) => `/body${p}`) };
}
