/**
 * What the sign-up page shows for a failed sign-up: errors beside the fields the API pointed at, "this shop
 * already exists" for a repeated sign-up, a plain line when the API could not be reached, or its message.
 */
import { ApiError, messageOf } from "../api/errors";

export const SIGN_UP_FIELDS = ["merchantName", "email", "password", "slug"] as const;
export type SignUpField = (typeof SIGN_UP_FIELDS)[number];
export type FieldErrors = Partial<Record<SignUpField, string>>;

export type SignUpFailure =
  | { kind: "fields"; fields: FieldErrors }
  | { kind: "exists"; shops: { slug: string; name: string }[] }
  | { kind: "network" }
  | { kind: "other"; message: string };

export function signUpFailure(error: unknown): SignUpFailure {
  if (error instanceof ApiError) {
    const fields: FieldErrors = {};
    for (const f of SIGN_UP_FIELDS) {
      const detail = error.fieldError(f);
      if (detail) fields[f] = detail;
    }
    // A taken slug is also a 409, but one pointing at the field: only a 409 without one is a repeat.
    if (Object.keys(fields).length > 0) return { kind: "fields", fields };
    if (error.status === 409) return { kind: "exists", shops: error.problem.tenants ?? [] };
    return { kind: "other", message: error.message };
  }
  // fetch rejects with a TypeError when no answer came at all (offline, DNS, the API down).
  if (error instanceof TypeError) return { kind: "network" };
  return { kind: "other", message: messageOf(error) };
}
