/** Hashed identities: the same normalisation in the browser script and at the edge, so hashes match. */
import { sha256Hex } from "./ip";

export const hashEmail = (email: string) => sha256Hex(email.trim().toLowerCase());
export const hashCustomerId = (id: string) => sha256Hex(id.trim());
