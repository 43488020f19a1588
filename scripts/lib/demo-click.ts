/**
 * The click `npm start`'s banner and README.md's quickstart suggest: curl posing as a whole browser. curl's
 * own user agent is taken for a bot, and a browser user agent without a browser's other headers is flagged
 * as scripted (missing_browser_headers, inconsistent_client_hints), which holds the orders after it for review.
 */
export const DEMO_CLICK_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36";
export const DEMO_CLICK_HEADERS: Record<string, string> = {
  Accept: "text/html",
  "Accept-Language": "pt-BR",
  "Sec-CH-UA": '"Chromium";v="131"',
};

/** The curl command for `linkUrl`, as README.md writes it (a value with double quotes goes in single ones). */
export function demoClickCommand(linkUrl: string, continuation = "\n  "): string {
  const header = ([name, value]: [string, string]) => (value.includes('"') ? `-H '${name}: ${value}'` : `-H "${name}: ${value}"`);
  const [first, ...rest] = Object.entries(DEMO_CLICK_HEADERS).map(header);
  return `curl -i -A "${DEMO_CLICK_USER_AGENT}" ${first} \\${continuation}${rest.join(" ")} ${linkUrl}`;
}
