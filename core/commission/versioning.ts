/**
 * Commission rules are versioned: every commission records the version it was computed with, so a change
 * of rules must get a new version, and saving the same rules again must not.
 */
import { commissionRulesSchema, type CommissionRules } from "./rules";

/** Rules as a merchant writes them: the version is ours to assign. */
export type RulesDraft = Omit<CommissionRules, "version">;

/** JSON with object keys sorted, so equal rules compare equal whatever order jsonb kept them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function storedVersion(stored: unknown): number {
  const version = (stored as { version?: unknown } | null)?.version;
  return typeof version === "number" && Number.isInteger(version) && version > 0 ? version : 0;
}

/** The rules to store: the current ones when nothing changed, else the draft under the next version. */
export function nextCommissionRules(stored: unknown, draft: RulesDraft): CommissionRules {
  const current = commissionRulesSchema.safeParse(stored);
  if (current.success) {
    const { version, ...rest } = current.data;
    if (canonical(rest) === canonical(draft)) return current.data;
    return { ...draft, version: version + 1 };
  }
  // Unreadable stored rules (written by hand or by an old version) still never reuse their number.
  return { ...draft, version: storedVersion(stored) + 1 };
}

/**
 * The commission rules to store when the campaign's conflict rules (core/attribution/conflict-rules.ts) may
 * change too: one version covers both, so a commission's `rules_version` names everything that decided it.
 * Undefined when neither changed (nothing to store) or when stored rules that no longer parse get no draft.
 */
export function nextRuleVersion(stored: unknown, draft: RulesDraft | undefined, conflictRulesChanged: boolean): CommissionRules | undefined {
  if (!draft && !conflictRulesChanged) return undefined;
  const current = commissionRulesSchema.safeParse(stored);
  const base = draft ?? (current.success ? withoutVersion(current.data) : undefined);
  if (!base) return undefined;
  const next = nextCommissionRules(stored, base);
  return conflictRulesChanged && next.version === storedVersion(stored) ? { ...next, version: next.version + 1 } : next;
}

function withoutVersion(rules: CommissionRules): RulesDraft {
  const { version: _, ...rest } = rules;
  return rest;
}
