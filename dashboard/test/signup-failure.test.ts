import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/errors";
import { landingPath } from "../src/api/landing";
import { signUpFailure } from "../src/pages/signup-failure";

const problem = (status: number, extra: object) => new ApiError(status, { title: "t", status, ...extra });

describe("signUpFailure", () => {
  it("puts each field error of the problem beside its field, by the pointer's tail", () => {
    const err = problem(400, { code: "validation_failed", errors: [{ pointer: "/body/password", detail: "at least 10 characters" }, { pointer: "/body/email", detail: "Invalid email" }] });
    expect(signUpFailure(err)).toEqual({ kind: "fields", fields: { password: "at least 10 characters", email: "Invalid email" } });
  });

  it("reads a 409 pointing at the slug as a field error (taken), and one without as a repeated sign-up", () => {
    expect(signUpFailure(problem(409, { errors: [{ pointer: "/body/slug", detail: "taken" }] }))).toEqual({ kind: "fields", fields: { slug: "taken" } });
    const shops = [{ slug: "minha-loja", name: "Minha Loja" }];
    expect(signUpFailure(problem(409, { code: "conflict", tenants: shops }))).toEqual({ kind: "exists", shops });
    expect(signUpFailure(problem(409, { code: "conflict" }))).toEqual({ kind: "exists", shops: [] });
  });

  it("tells a network failure (fetch's TypeError) from the API's own messages", () => {
    expect(signUpFailure(new TypeError("Failed to fetch"))).toEqual({ kind: "network" });
    expect(signUpFailure(problem(429, { detail: "Too many sign-in attempts; try again in 15 min." }))).toEqual({ kind: "other", message: "Too many sign-in attempts; try again in 15 min." });
    // Field errors on fields the form does not have are not lost: the problem's message shows.
    expect(signUpFailure(problem(400, { detail: "Unknown field", errors: [{ pointer: "/body/extra", detail: "x" }] }))).toEqual({ kind: "other", message: "Unknown field" });
  });
});

describe("landingPath", () => {
  it("sends merchants to the overview and affiliates to their portal", () => {
    expect(landingPath({ role: "owner" })).toBe("/overview");
    expect(landingPath({ role: "affiliate" })).toBe("/portal");
  });

  it("follows ?next= only to a path of this app", () => {
    expect(landingPath({ role: "owner" }, "/links?x=1")).toBe("/links?x=1");
    for (const away of ["//evil.example", "/\\evil.example", "https://evil.example", "evil"]) expect(landingPath({ role: "owner" }, away)).toBe("/overview");
  });
});
