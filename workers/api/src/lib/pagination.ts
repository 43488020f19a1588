/**
 * Cursor pagination, the same on every list: `?limit=&cursor=` in, `{ items, nextCursor }` out. Cursors
 * are the last id of the page (ids are time-ordered), so pages stay stable while rows are added.
 */
import { z } from "@hono/zod-openapi";

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ param: { name: "limit", in: "query" }, description: "Page size, 1-200" }),
  cursor: z
    .string()
    .max(64)
    .regex(/^[a-z]{3}_[0-9A-Z]{26}$/, "expected the nextCursor of a previous page")
    .optional()
    .openapi({ param: { name: "cursor", in: "query" }, description: "`nextCursor` of the previous page" }),
};

/** The response schema of a page of `item`. */
export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last page" }) }).openapi(name);

/** Rows fetched with `limit + 1` become a page and the cursor of the next one. */
export function toPage<R extends { id: string }, V>(rows: R[], limit: number, view: (row: R) => V): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { items: page.map(view), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
