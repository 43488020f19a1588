/** Local-only secrets, made once and kept in .indica/secrets.json so restarts keep cookies and hashes stable. */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DevSecrets {
  IP_HASH_SECRET: string;
  ADMIN_TOKEN: string;
}

export function loadDevSecrets(stateDir: string): DevSecrets {
  const file = join(stateDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  const secrets = { IP_HASH_SECRET: randomBytes(32).toString("hex"), ADMIN_TOKEN: randomBytes(24).toString("hex") };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
