import { describe, expect, it } from "vitest";
import { describeUserAgent, hostOf, redactEmails, scrubPageUrl } from "./enrich";

describe("enrichment", () => {
  it("describes browsers, phones and bots", () => {
    const iphone = describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "BR");
    expect(iphone).toMatchObject({ country: "BR", deviceType: "mobile", browser: "Mobile Safari", os: "iOS", isBot: false });
    expect(describeUserAgent("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", null).isBot).toBe(true);
    expect(describeUserAgent(null, "xx")).toMatchObject({ country: null, deviceType: "other", isBot: true });
  });

  it("drops query parameters that may carry personal data and keeps campaign ones", () => {
    expect(scrubPageUrl("https://loja.example/p?email=a@b.c&utm_source=x&indica_cid=clk_1#top")).toBe("https://loja.example/p?utm_source=x&indica_cid=clk_1");
    expect(hostOf("https://www.google.com/search?q=x")).toBe("www.google.com");
    expect(hostOf("not a url")).toBeNull();
  });

  it("redacts email addresses in free-form properties", () => {
    expect(redactEmails({ note: "cliente maria@example.com pediu", n: 3 })).toEqual({ note: "cliente [email redacted] pediu", n: 3 });
    expect(redactEmails(undefined)).toBeUndefined();
  });
});
