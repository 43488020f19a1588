import { describe, expect, it } from "vitest";
import { createSession, REFRESH_KEY } from "../src/api/session";
import { fakeApi, memoryStorage } from "./render";

const answer = (n: number) => ({ tokenType: "Bearer", accessToken: `jwt-${n}`, expiresIn: 900, refreshToken: `rt-${n}`, user: { id: "usr_1", tenantId: "tnt_1", email: "a@b.c", name: null, role: "affiliate", affiliateId: "aff_1" } });

describe("session", () => {
  it("refreshes once, a minute before expiry, even when many requests ask at the same time", async () => {
    let n = 1;
    const api = fakeApi({ "POST /v1/auth/login": () => answer(1), "POST /v1/auth/refresh": () => answer(++n) });
    let now = 0;
    const storage = memoryStorage();
    const session = createSession({ baseUrl: "http://indica.test", fetch: api.fetch, storage, now: () => now });
    await session.signIn("a@b.c", "pw");
    expect(await session.accessToken()).toBe("jwt-1");
    now = 841_000; // 59 s left: inside the margin
    const tokens = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]);
    expect(tokens).toEqual(["jwt-2", "jwt-2", "jwt-2"]);
    expect(api.calls.filter((c) => c.path === "/v1/auth/refresh")).toHaveLength(1);
    expect(api.calls.at(-1)?.body).toEqual({ refreshToken: "rt-1" });
    expect(storage.getItem(REFRESH_KEY)).toBe("rt-2");
  });

  it("resumes after a reload from the tab's refresh token and forgets it when refused", async () => {
    const storage = memoryStorage();
    storage.setItem(REFRESH_KEY, "rt-old");
    const ok = createSession({ baseUrl: "http://indica.test", fetch: fakeApi({ "POST /v1/auth/refresh": () => answer(7) }).fetch, storage });
    expect((await ok.restore())?.affiliateId).toBe("aff_1");
    const refused = createSession({ baseUrl: "http://indica.test", fetch: fakeApi({ "POST /v1/auth/refresh": () => Response.json({ code: "unauthorized" }, { status: 401 }) }).fetch, storage });
    expect(await refused.restore()).toBeNull();
    expect(storage.getItem(REFRESH_KEY)).toBeNull();
  });
});
