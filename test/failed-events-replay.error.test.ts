/** Bad bodies of POST /v1/failed-events/replay are problems with field errors, never a 500, and replay nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi, expectFieldErrors, expectProblem, jsonOf } from "./helpers/api";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

const replay = (key: string, body: unknown) => callApi(stack, "POST", "/v1/failed-events/replay", { key, body });

describe("POST /v1/failed-events/replay refuses bad bodies", () => {
  it.each([
    ["an id of another kind", { ids: [newId("conversion")] }, ["/body/ids/0"]],
    ["an id that is no id", { ids: ["fev_nope"] }, ["/body/ids/0"]],
    ["ids that are not a list", { ids: "fev_01JD8Z6Q3W4E5R6T7Y8V9X0P1A" }, ["/body/ids"]],
    ["more than 1000 ids", { ids: Array.from({ length: 1001 }, () => newId("failedEvent")) }, ["/body/ids"]],
    ["a limit of 0", { limit: 0 }, ["/body/limit"]],
    ["a limit over 1000", { limit: 1001 }, ["/body/limit"]],
    ["a limit that is no integer", { limit: 1.5 }, ["/body/limit"]],
    ["an unknown field", { id: "fev_01JD8Z6Q3W4E5R6T7Y8V9X0P1A" }, ["/body/id"]],
    ["JSON that is not an object", [], ["/body"]],
  ])("%s: 400 with field errors", async (_what, body, pointers) => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await replay(p.apiKey, body), pointers);
  });

  it("a body that is not JSON is a 400 problem", async () => {
    const p = await seedTestProgram(stack);
    for (const body of ["{ids:", "", "\u0000"]) await expectProblem(await replay(p.apiKey, body), 400, "bad_request");
  });

  it("a body in another media type is a 415 problem", async () => {
    const p = await seedTestProgram(stack);
    const res = await callApi(stack, "POST", "/v1/failed-events/replay", { key: p.apiKey, body: "{}", headers: { "content-type": "text/plain" } });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it("a valid id that names nothing is skipped as not_found", async () => {
    const p = await seedTestProgram(stack);
    const id = newId("failedEvent");
    expect(await jsonOf(await replay(p.apiKey, { ids: [id] }))).toEqual({ replayed: 0, ids: [], skipped: [{ id, reason: "not_found" }] });
  });
});
