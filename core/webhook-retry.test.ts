import { describe, expect, it } from "vitest";
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelaySeconds } from "./webhook-retry";
import { webhookUrlIssue } from "./webhook-url";

describe("webhook retry schedule", () => {
  it("backs off 1 min, 5 min, 30 min, 2 h, 12 h, 24 h within ±20 %, then gives up", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => webhookRetryDelaySeconds(n, 0.5))).toEqual([60, 300, 1_800, 7_200, 43_200, 86_400]);
    expect(webhookRetryDelaySeconds(1, 0)).toBe(48);
    expect(webhookRetryDelaySeconds(1, 0.999_999)).toBe(72);
    expect(webhookRetryDelaySeconds(WEBHOOK_MAX_ATTEMPTS)).toBeNull();
    expect(webhookRetryDelaySeconds(0)).toBeNull();
  });
});

describe("webhook URLs", () => {
  it("wants https; http only for loopback and only when allowed", () => {
    expect(webhookUrlIssue("https://loja.example/hooks", false)).toBeNull();
    expect(webhookUrlIssue("http://loja.example/hooks", false)).toBe("must use https");
    expect(webhookUrlIssue("http://127.0.0.1:8080/h", false)).toMatch(/public address/);
    expect(webhookUrlIssue("http://127.0.0.1:8080/h", true)).toBeNull();
    expect(webhookUrlIssue("http://localhost/h", true)).toBeNull();
    expect(webhookUrlIssue("http://10.0.0.1/h", true)).toMatch(/public address/);
    expect(webhookUrlIssue("https://10.0.0.1/h", false)).toMatch(/public address/);
    expect(webhookUrlIssue("https://169.254.169.254/latest", true)).toMatch(/public address/);
    expect(webhookUrlIssue("https://localhost:8443/h", true)).toBeNull();
    expect(webhookUrlIssue("https://u:p@loja.example/", false)).toMatch(/credentials/);
    expect(webhookUrlIssue("https://loja.example/#x", false)).toMatch(/fragment/);
    expect(webhookUrlIssue("ftp://loja.example/", false)).toMatch(/https/);
    expect(webhookUrlIssue("not a url", false)).toMatch(/absolute/);
  });
});
