/** Runs in every page before its own scripts: `document.cookie` reads empty and writes are dropped (a blocker). */
export const BLOCK_SCRIPT_COOKIES_JS = `Object.defineProperty(Document.prototype, "cookie", { configurable: true, get: function () { return ""; }, set: function () {} });`;
