/**
 * The validation hook of the link-creating routes. Whether `affiliateId` is required depends on who calls
 * (merchants must name it, affiliate users may leave it out), which the body schema cannot know; the
 * route middleware has run by the time validators do, so the principal is known here. Missing ids are
 * reported together with the schema's own field errors, in one problem.
 */
import type { Context } from "hono";
import { affiliateScope } from "../../../../../../core/auth/access";
import type { FieldError } from "../../../../../../core/problem";
import type { ApiHonoEnv } from "../../../env";
import { problemFor } from "../../../lib/problem";
import { requestFieldErrors } from "../../../lib/strict-body";

interface ValidationResult {
  success: boolean;
  /** The raw input (on failure) or the parsed one. */
  data?: unknown;
  error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
  target: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Pointers of link objects in the body lacking an affiliate id; `items` picks them out of the body. */
function missingAffiliates(body: unknown, items: (body: unknown) => [string, unknown][]): FieldError[] {
  return items(body)
    .filter(([, item]) => isObject(item) && item.affiliateId === undefined)
    .map(([at]) => ({ pointer: `${at}/affiliateId`, detail: "required: expected the id of the affiliate the link is for (aff_...)" }));
}

export function affiliateRequired(items: (body: unknown) => [string, unknown][]) {
  return (result: ValidationResult, c: Context<ApiHonoEnv>) => {
    const errors = result.success ? [] : requestFieldErrors(result.error?.issues ?? [], result.target);
    if (result.target === "json" && affiliateScope(c.get("principal")) === null) {
      const missing = missingAffiliates(result.data, items).filter((m) => !errors.some((e) => e.pointer === m.pointer));
      errors.push(...missing);
    }
    if (errors.length > 0) return problemFor(c, "validation_failed", { errors });
  };
}

/** The body is one link. An empty body counts as one link without any fields. */
export const oneLink = (body: unknown): [string, unknown][] => [["/body", body ?? {}]];
/** The body lists links under `links`. */
export const manyLinks = (body: unknown): [string, unknown][] =>
  isObject(body) && Array.isArray(body.links) ? body.links.map((item, i) => [`/body/links/${i}`, item] as [string, unknown]) : [];
