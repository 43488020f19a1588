/** The host of a URL someone sent (a referrer), or null when it is not a URL. */
export function hostOf(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).hostname.slice(0, 255) || null;
  } catch {
    return null;
  }
}
