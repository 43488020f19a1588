import { describe, expect, it } from "vitest";
import { isPrivateHost } from "./private-host";

const hostOf = (url: string) => new URL(url).hostname;

describe("isPrivateHost", () => {
  it("catches private, loopback, link-local and local names, in every way the URL parser writes them", () => {
    for (const url of [
      "https://10.0.0.1/h", "https://169.254.169.254/latest", "https://127.0.0.1/", "https://0x7f.1/", "https://2130706433/", "https://172.20.1.1/",
      "https://192.168.0.10/", "https://100.64.0.1/", "https://0.0.0.0/", "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/",
      "https://[::ffff:10.0.0.1]/", "https://localhost/", "https://api.localhost/", "https://printer.local/", "https://metadata.google.internal/", "https://router.home.arpa/",
    ]) expect(isPrivateHost(hostOf(url)), url).toBe(true);
  });

  it("lets public addresses and names through", () => {
    for (const url of ["https://8.8.8.8/", "https://172.32.0.1/", "https://192.169.0.1/", "https://[2606:4700::1]/", "https://[::ffff:8.8.8.8]/", "https://hooks.example.com/", "https://local.example.com/", "https://internal-tools.example/"]) {
      expect(isPrivateHost(hostOf(url)), url).toBe(false);
    }
  });
});
