/** Field schemas several resources share. */
import { z } from "@hono/zod-openapi";
import { isId, type IdKind } from "../../../../core/ids";
import { isStorableText } from "../../../../core/text";

/** Free text that ends up in Postgres and on screens: no control characters (Postgres refuses NUL). */
export const label = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText, "must not contain control characters or broken Unicode");

/** A path parameter holding an id of the given kind (`usr_...`). */
export const idParam = (kind: IdKind, example: string) =>
  z
    .string()
    .refine((v) => isId(kind, v), `expected an id like ${example}`)
    .openapi({ param: { name: "id", in: "path" }, example });

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
