/**
 * Update bodies drop keys they do not know, and `{}` is an explicit no-op. But a body whose every key is
 * unknown is a mistake: `{"comissionRules": …}` or `{"staus": "suspended"}` was answered 200 with nothing
 * changed, and the caller believed the change was made. Such a body is refused with a pointer to each key.
 * A create body with any unknown key is refused the same way: `{"commission": {…}}` made a campaign at the
 * default rate, and the merchant learnt it from the first payout.
 */
import type { Context } from "hono";
import type { ApiHonoEnv } from "../env";
import { problemFor } from "./problem";

const pointerOf = (key: string) => `/body/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** A 400 problem when the JSON body has keys and none of them is in `known`; null otherwise. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context, as problemFor
export async function onlyUnknownFields<C extends Context<ApiHonoEnv, any, any>>(c: C, known: readonly string[]) {
  // The validator has parsed the body already; Hono hands back its cached copy.
  const raw: unknown = await c.req.json().catch(() => null);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const keys = Object.keys(raw);
  if (keys.length === 0 || keys.some((k) => known.includes(k))) return null;
  return unknownKeysProblem(c, keys, known);
}

/** A 400 problem when the JSON body has any key not in `known` (create bodies); null otherwise. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context, as problemFor
export async function anyUnknownFields<C extends Context<ApiHonoEnv, any, any>>(c: C, known: readonly string[]) {
  const raw: unknown = await c.req.json().catch(() => null);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  return unknown.length === 0 ? null : unknownKeysProblem(c, unknown, known);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context, as problemFor
function unknownKeysProblem<C extends Context<ApiHonoEnv, any, any>>(c: C, keys: string[], known: readonly string[]) {
  const detail = `unknown field; this resource's fields are ${known.join(", ")}`;
  return problemFor(c, "validation_failed", { errors: keys.slice(0, 20).map((k) => ({ pointer: pointerOf(k), detail })) });
}
