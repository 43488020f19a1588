/** Styles of the API reference page: readable on a phone, keyboard focus visible, WCAG AA contrast. */
export const DOCS_STYLE = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0b5cad;--get:#1a7f37;--post:#0b5cad;--patch:#9a6700;--delete:#cf222e}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{padding:16px 24px;border-bottom:1px solid var(--line);display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:20px;margin:0}header label{font-size:13px;color:var(--muted)}header input{width:min(420px,90vw);padding:6px 8px;border:1px solid var(--line);border-radius:6px;font:13px ui-monospace,monospace}
.layout{display:grid;grid-template-columns:260px 1fr;min-height:calc(100vh - 70px)}
nav{border-right:1px solid var(--line);padding:12px;overflow:auto;max-height:calc(100vh - 70px);position:sticky;top:0}
nav h2{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:14px 0 4px}nav a{display:block;padding:2px 4px;color:var(--ink);text-decoration:none;font-size:13px;border-radius:4px}nav a:hover,nav a:focus{background:var(--soft)}
main{padding:16px 24px;max-width:980px}section.op{border:1px solid var(--line);border-radius:8px;margin:0 0 16px;padding:12px 16px}
.method{display:inline-block;min-width:62px;text-align:center;color:#fff;border-radius:4px;font:600 12px ui-monospace,monospace;padding:2px 6px;margin-right:8px}
.m-get{background:var(--get)}.m-post{background:var(--post)}.m-patch{background:var(--patch)}.m-delete{background:var(--delete)}.m-put{background:var(--patch)}
code,pre,textarea{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}pre{background:var(--soft);padding:10px;border-radius:6px;overflow:auto;max-height:360px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
details summary{cursor:pointer;color:var(--accent)}textarea{width:100%;min-height:120px;border:1px solid var(--line);border-radius:6px;padding:8px}
input.param{width:100%;padding:4px 6px;border:1px solid var(--line);border-radius:4px}button{background:var(--accent);color:#fff;border:0;border-radius:6px;padding:6px 14px;font-weight:600;cursor:pointer}
:focus-visible{outline:3px solid #f0b400;outline-offset:2px}.muted{color:var(--muted)}.status{font-weight:600}
@media (max-width:760px){.layout{grid-template-columns:1fr}nav{position:static;max-height:none;border-right:0;border-bottom:1px solid var(--line)}}
`;
