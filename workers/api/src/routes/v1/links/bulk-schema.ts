import { z } from "@hono/zod-openapi";
import { normalizeLinkCode } from "../../../../../../core/link-code";
import { createLinkBody, linkSchema } from "./schema";
import { strictBody } from "../../../lib/strict-body";

export const MAX_BULK_LINKS = 500;

export const bulkCreateLinksBody = strictBody({ links: z.array(createLinkBody).min(1).max(MAX_BULK_LINKS) })
  .superRefine((body, ctx) => {
    // Two items asking for the same code (whatever their case: one link) would fail only at the second insert; say so up front.
    const seen = new Map<string, number>();
    body.links.forEach((link, i) => {
      if (!link.code) return;
      const key = `${(link.domain ?? "").toLowerCase()} ${normalizeLinkCode(link.code)}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: "custom", path: ["links", i, "code"], message: `repeats the code of /body/links/${first}` });
    });
  })
  .openapi("BulkCreateLinks");

export const bulkLinksSchema = z.object({ items: z.array(linkSchema).openapi({ description: "The links, in the order asked for" }) }).openapi("BulkLinks");
