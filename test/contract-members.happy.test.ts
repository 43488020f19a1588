/**
 * Campaign members are exactly the document's CampaignMember. The list carried an undocumented `id` (its
 * page cursor, the affiliate id) that typed clients did not know, while a decision or an application
 * answered the same member without it. Now `id` is documented and every answer has it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productOpenApiDocument } from "../scripts/lib/openapi-document";
import { callApi, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

const documented = Object.keys((productOpenApiDocument().components?.schemas?.CampaignMember as { properties: object }).properties).sort();

describe("campaign members", () => {
  it("carry only the documented fields, and pages follow nextCursor", async () => {
    const p = await seedTestProgram(stack);
    await addAffiliate(stack, p, "Ana");
    await addAffiliate(stack, p, "Bia");
    const key = await tokenFor(stack, p.tenantId, "owner");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await callApi(stack, "GET", `/v1/campaigns/${p.campaignId}/affiliates?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key });
      expect(res.status).toBe(200);
      const page = await jsonOf(res);
      for (const item of page.items) {
        expect(Object.keys(item).sort()).toEqual(documented);
        expect(item.id).toBe(item.affiliateId);
        seen.push(item.affiliateId);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);

    const decided = await jsonOf(await callApi(stack, "POST", `/v1/campaigns/${p.campaignId}/affiliates/${seen[0]}/approve`, { key }));
    expect(Object.keys(decided).sort()).toEqual(documented);
    expect(decided.id).toBe(seen[0]);
  });
});
