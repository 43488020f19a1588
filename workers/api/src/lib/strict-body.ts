/**
 * Request bodies refuse keys they do not have. A misspelt key used to be dropped in silence:
 * `{"commission": {…}}` made a campaign at the default rate, `{"name": "Verão", "staus": "suspended"}` renamed
 * an affiliate and left it active, and each caller believed the change was made.
 *
 * Every JSON body of the API is built with `strictBody` (workers/api/src/lib/strict-body.test.ts checks the
 * OpenAPI document for it); the validation hooks (`requestFieldErrors`) turn zod's one issue for the body
 * into a field error at `/body/<key>` for each unknown key. Free-form maps (sub-ids) are records inside a
 * body and stay open.
 */
import { z } from "@hono/zod-openapi";
import { readableIssues } from "../../../../core/issue-messages";
import { fieldErrors, type FieldError } from "../../../../core/problem";

/** A body object whose unknown keys fail validation, with a detail that names the fields it does have. */
export function strictBody<S extends z.core.$ZodLooseShape>(shape: S) {
  const fields = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      // At the top the pointer names the key; inside a list item (bulk links, reconcile items) it is the item's.
      if (!issue.path?.length) return `unknown field; this resource's fields are ${fields}`;
      return `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; the fields here are ${fields}`;
    },
  });
}

interface Issue {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: string[];
}

/**
 * Zod reports a body's unknown keys as one issue at the body itself; each becomes its own issue at its key,
 * so the problem points at `/body/<key>`. Unknown keys of nested objects (commission rules, fraud settings)
 * stay one issue at that object: the dashboard shows a field's errors by the field's pointer.
 */
export function unknownBodyKeysApart(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((i): Issue[] => (i.code === "unrecognized_keys" && i.path.length === 0 && i.keys?.length ? i.keys.map((k) => ({ path: [k], message: i.message })) : [i]));
}

/** The field errors of a failed validation of one part of the request (`json` is the body), in the messages of core/issue-messages.ts. */
export function requestFieldErrors(issues: readonly Issue[], target: string): FieldError[] {
  return fieldErrors(readableIssues(unknownBodyKeysApart(issues)), target === "json" ? "body" : target);
}
