/** Request fields shared by the program resources (campaigns, affiliates, memberships). */
import { isStorableText } from "../../../../../core/text";

export { idOf, label } from "../../lib/fields";

/** True when every string and key inside a JSON value is text Postgres' jsonb will keep. */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value !== null && typeof value === "object") return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableJson(v));
  return true;
}
