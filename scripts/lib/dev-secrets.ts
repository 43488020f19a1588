/** Local-only secrets, made once and kept in .indica/secrets.json so restarts keep cookies and hashes stable. */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DevSecrets {
  IP_HASH_SECRET: string;
  ADMIN_TOKEN: string;
  SECRETS_KEY: string;
  JWT_SECRET: string;
}

export function loadDevSecrets(stateDir: string): DevSecrets {
  const file = join(stateDir, "secrets.json");
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DevSecrets>) : {};
  // Secrets added in later versions are filled in; existing ones are kept so cookies and hashes stay stable.
  const secrets: DevSecrets = {
    IP_HASH_SECRET: existing.IP_HASH_SECRET ?? randomBytes(32).toString("hex"),
    ADMIN_TOKEN: existing.ADMIN_TOKEN ?? randomBytes(24).toString("hex"),
    SECRETS_KEY: existing.SECRETS_KEY ?? randomBytes(32).toString("hex"),
    JWT_SECRET: existing.JWT_SECRET ?? randomBytes(32).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
