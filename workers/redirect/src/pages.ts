/** Plain pages for people who reach a link that cannot take them anywhere. */
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:20vh auto;padding:0 1rem;color:#1f2937}</style>` +
  `</head><body><h1>${title}</h1><p>${body}</p></body></html>`;

const headers = { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=60" };

export function notFoundPage(method: string): Response {
  const html = page("Link not found", "This link does not exist or is no longer available. Check the address, or ask whoever shared it for a new one.");
  return new Response(method === "HEAD" ? null : html, { status: 404, headers });
}

export function badLinkPage(method: string): Response {
  const html = page("Invalid link", "This address is not a valid link.");
  return new Response(method === "HEAD" ? null : html, { status: 400, headers });
}
