/** Request fields shared by the program resources (campaigns, affiliates, memberships). */
import { z } from "@hono/zod-openapi";
import { isId, type IdKind } from "../../../../../core/ids";
import { isStorableText } from "../../../../../core/text";

export { label } from "../../lib/fields";

export const idOf = (kind: IdKind, prefix: string) => z.string().refine((v) => isId(kind, v), `expected ${kind === "affiliate" ? "an" : "a"} ${kind} id (${prefix}_...)`);

/** True when every string and key inside a JSON value is text Postgres' jsonb will keep. */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value !== null && typeof value === "object") return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableJson(v));
  return true;
}
