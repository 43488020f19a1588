/** Field schemas several resources share. */
import { z } from "@hono/zod-openapi";
import { isId, type IdKind } from "../../../../core/ids";
import { isStorableText } from "../../../../core/text";

/** Free text that ends up in Postgres and on screens: no control characters (Postgres refuses NUL). */
export const label = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText, "must not contain control characters or broken Unicode");

/** A request field holding an id of the given kind; the error names the kind and its prefix. */
export const idOf = (kind: IdKind, prefix: string) => {
  const noun = kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return z.string().refine((v) => isId(kind, v), `expected ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun} id (${prefix}_...)`);
};

/** The same as a path parameter (`/users/{id}`), with an example id for the document. */
export const idParam = (kind: IdKind, example: string) =>
  idOf(kind, example.slice(0, example.indexOf("_"))).openapi({ param: { name: "id", in: "path" }, example });

export const isoDate = (d: Date | null): string | null => (d ? d.toISOString() : null);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone: reports count days in the merchant's own. */
export const timeZone = z.string().max(64).refine(isTimeZone, "must be an IANA time zone such as America/Sao_Paulo");
