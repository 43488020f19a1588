import { describe, expect, it } from "vitest";
import { clickMayStoreIdentifiers, consentFromCookie, mayStoreIdentifiers, shopperConsent } from "./consent";

const required = { consentMode: "required" as const };
const notRequired = { consentMode: "not_required" as const };

describe("consent", () => {
  it("reads the consent cookie; anything but granted or denied is no choice", () => {
    expect(consentFromCookie("a=1; indica_consent=granted")).toBe("granted");
    expect(consentFromCookie("indica_consent=denied")).toBe("denied");
    expect(consentFromCookie("indica_consent=yes")).toBe("unknown");
    expect(consentFromCookie(null)).toBe("unknown");
  });

  it("the script's explicit choice wins over the cookie; otherwise the cookie decides", () => {
    expect(shopperConsent("denied", "indica_consent=granted")).toBe("denied");
    expect(shopperConsent("unknown", "indica_consent=granted")).toBe("granted");
    expect(shopperConsent(undefined, null)).toBe("unknown");
  });

  it("stores identifiers with consent, or when not required and not refused; GPC always refuses", () => {
    expect(mayStoreIdentifiers(required, "unknown", false)).toBe(false);
    expect(mayStoreIdentifiers(required, "granted", false)).toBe(true);
    expect(mayStoreIdentifiers(required, "granted", true)).toBe(false);
    expect(mayStoreIdentifiers(notRequired, "unknown", false)).toBe(true);
    expect(mayStoreIdentifiers(notRequired, "denied", false)).toBe(false);
  });

  it("the redirect under required needs the consent cookie; not_required clicks keep identifiers", () => {
    expect(clickMayStoreIdentifiers(required, null, false)).toBe(false);
    expect(clickMayStoreIdentifiers(required, "indica_vid=vis_1", false)).toBe(false);
    expect(clickMayStoreIdentifiers(required, "indica_consent=granted", false)).toBe(true);
    expect(clickMayStoreIdentifiers(required, "indica_consent=granted", true)).toBe(false);
    expect(clickMayStoreIdentifiers(notRequired, "indica_consent=denied", true)).toBe(true);
  });
});
