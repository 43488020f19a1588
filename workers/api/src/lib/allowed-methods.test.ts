import { describe, expect, it } from "vitest";
import { createApiApp } from "../app";
import { allowedMethods } from "../../../../core/http/allowed-methods";

describe("allowedMethods", () => {
  const app = createApiApp();

  it("lists the methods of the routes a path matches", () => {
    expect(allowedMethods(app, "/v1/links")).toEqual(["GET", "HEAD", "POST"]);
    expect(allowedMethods(app, "/v1/campaigns/cmp_01JB8Z5Q3X0000000000000000")).toEqual(["GET", "HEAD", "PATCH"]);
    expect(allowedMethods(app, "/v1/domains/dom_01JB8Z5Q3X0000000000000000")).toEqual(["DELETE"]);
    expect(allowedMethods(app, "/v1/privacy/retention")).toEqual(["GET", "HEAD", "PUT"]);
  });

  it("is empty for paths no route has", () => {
    for (const path of ["/", "/v1/nope", "/v2/links", "/v1/links/lnk_01JB8Z5Q3X0000000000000000/nope"]) expect(allowedMethods(app, path), path).toEqual([]);
  });
});
