/**
 * Field error messages from zod issues, in one voice for the API and the tracking host. Zod's defaults read
 * unevenly to a caller: "Invalid input: expected string, received undefined" for a missing field, "received
 * NaN" for `?limit=abc` (the query is coerced to a number first), a bare "Invalid input" for a union such as
 * a commission rate. Only zod's own messages are rewritten; a schema's own message (`expected an affiliate
 * id (aff_...)`) already says what it means and is kept.
 */

/** A zod issue as the hooks pass it: the members read here are those zod 4 sets on each code. */
export interface LooseIssue {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: string;
  received?: string;
  values?: readonly unknown[];
  options?: readonly unknown[];
  errors?: readonly (readonly LooseIssue[])[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
}

export interface ReadableIssue {
  path: PropertyKey[];
  message: string;
}

/** Each issue with a message that says what was expected; a union names its accepted kinds, or the one nearly matched. */
export function readableIssues(issues: readonly LooseIssue[]): ReadableIssue[] {
  return issues.flatMap((i) => (i.code === "invalid_union" ? unionIssues(i) : [{ path: [...i.path], message: messageOf(i) }]));
}

const DEFAULT_TYPE = /^Invalid input: expected \S+, received (\S+)$/;
const NAMES: Record<string, string> = { int: "an integer", null: "null" };
/** "a string", "an integer": the name of a kind of value as the messages use it. */
const named = (type: string) => NAMES[type] ?? `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

function messageOf(i: LooseIssue): string {
  switch (i.code) {
    case "invalid_type": {
      const received = DEFAULT_TYPE.exec(i.message)?.[1];
      if (received === undefined || !i.expected) return i.message;
      if (received === "undefined") return `required: expected ${named(i.expected)}`;
      // NaN comes from coercing text that is not a number (`?limit=abc`); the caller sent no NaN.
      if (i.received === "NaN" || received === "NaN") return `expected ${named(i.expected)}`;
      return `expected ${named(i.expected)}, received ${named(received)}`;
    }
    case "invalid_value":
      if (!/^Invalid (option|input): expected/.test(i.message) || !i.values) return i.message;
      return i.values.length === 1 ? `expected ${quoted(i.values)}` : `expected one of ${quoted(i.values)}`;
    case "too_small":
    case "too_big":
      return /^Too (small|big):/.test(i.message) ? bound(i) ?? i.message : i.message;
    default:
      return i.message;
  }
}

const UNITS: Record<string, string> = { string: "character", array: "item", set: "item" };

function bound(i: LooseIssue): string | undefined {
  const small = i.code === "too_small";
  const limit = small ? i.minimum : i.maximum;
  if (limit === undefined || !i.origin) return undefined;
  const unit = UNITS[i.origin];
  if (unit) {
    if (small && Number(limit) === 1 && !i.exact) return "must not be empty";
    return `must have ${i.exact ? "exactly" : small ? "at least" : "at most"} ${limit} ${unit}${Number(limit) === 1 ? "" : "s"}`;
  }
  if (i.origin !== "number" && i.origin !== "int" && i.origin !== "bigint") return undefined;
  if (i.inclusive === false) return `must be ${small ? "more" : "less"} than ${limit}`;
  return `must be ${small ? "at least" : "at most"} ${limit}`;
}

/** What one member of a union asks for, when its issues show it: a type, or an object with a literal key. */
type Kind = { type: string } | { key: PropertyKey; value: unknown };

function kindOf(branch: readonly LooseIssue[]): Kind | undefined {
  const root = branch.find((i) => i.path.length === 0 && i.code === "invalid_type" && i.expected);
  if (root) return { type: root.expected! };
  const literal = branch.find((i) => i.path.length === 1 && i.code === "invalid_value" && i.values?.length === 1);
  return literal ? { key: literal.path[0], value: literal.values![0] } : undefined;
}

function unionIssues(i: LooseIssue): ReadableIssue[] {
  const path = [...i.path];
  // A discriminated union whose key matched no member: zod already points at the key and lists the options.
  if (i.options?.length && /^Invalid discriminator value/.test(i.message)) return [{ path, message: `expected one of ${quoted(i.options)}` }];
  if (i.message !== "Invalid input" || !i.errors?.length) return [{ path, message: i.message }];
  const found = i.errors.map(kindOf);
  // One member matched on its type or key and failed further in (`{"type": "percentage"}` without `bp`): its errors are the useful ones.
  const near = found.flatMap((k, n) => (k === undefined ? [n] : []));
  if (near.length === 1) return readableIssues(i.errors[near[0]].map((e) => ({ ...e, path: [...path, ...e.path] })));
  if (near.length > 0) return [{ path, message: "matches none of the accepted forms; see this field's schema in /openapi.json" }];
  const kinds = found as Kind[];
  const literals = kinds.filter((k): k is { key: PropertyKey; value: unknown } => "key" in k);
  // Members told apart by one key (`type`): the error is that key's, as a discriminated union reports it.
  if (literals.length === kinds.length && literals.every((k) => k.key === literals[0].key)) {
    return [{ path: [...path, literals[0].key], message: `expected one of ${quoted(literals.map((k) => k.value))}` }];
  }
  const names = [...new Set(kinds.map((k) => ("type" in k ? named(k.type) : `an object with ${JSON.stringify(String(k.key))}: ${JSON.stringify(k.value)}`)))];
  const missing = i.errors.every((b) => b.some((e) => e.path.length === 0 && DEFAULT_TYPE.exec(e.message)?.[1] === "undefined"));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
  return [{ path, message: `${missing ? "required: " : ""}expected ${list}` }];
}
