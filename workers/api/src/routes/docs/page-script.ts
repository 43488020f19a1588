/**
 * The API reference page's script: reads /openapi.json and renders every operation with its parameters,
 * an example body built from its schema, and a form that sends the request with the caller's token.
 * Plain browser JavaScript in a string, so the page needs nothing from outside the Worker.
 */
export const DOCS_SCRIPT = `
const $ = (tag, attrs = {}, ...kids) => { const el = document.createElement(tag); for (const [k, v] of Object.entries(attrs)) { if (k === "text") el.textContent = v; else el.setAttribute(k, v); } el.append(...kids); return el; };
const tokenInput = document.getElementById("token");
tokenInput.value = sessionStorage.getItem("indica-token") || "";
tokenInput.addEventListener("input", () => sessionStorage.setItem("indica-token", tokenInput.value));
let doc;
const resolve = (s) => (s && s.$ref ? resolve(doc.components.schemas[s.$ref.split("/").pop()]) : s || {});
function example(schema, depth = 0) {
  const s = resolve(schema);
  if (depth > 6) return null;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  const variants = s.anyOf || s.oneOf;
  if (variants) return example(variants.find((v) => resolve(v).type !== "null") || variants[0], depth + 1);
  if (s.type === "object") { const out = {}; for (const [k, v] of Object.entries(s.properties || {})) if ((s.required || []).includes(k)) out[k] = example(v, depth + 1); return out; }
  if (s.type === "array") return [example(s.items, depth + 1)];
  if (s.type === "integer" || s.type === "number") return s.minimum ?? 0;
  if (s.type === "boolean") return false;
  if (s.format === "date-time") return new Date().toISOString();
  return "string";
}
function paramTable(params) {
  const table = $("table", {}, $("tr", {}, $("th", { text: "Parameter" }), $("th", { text: "In" }), $("th", { text: "Value" })));
  for (const p of params) {
    const id = "p-" + Math.random().toString(36).slice(2);
    const input = $("input", { class: "param", id, "data-name": p.name, "data-in": p.in, placeholder: String(example(p.schema) ?? "") });
    table.append($("tr", {}, $("td", {}, $("label", { for: id, text: p.name + (p.required ? " *" : "") })), $("td", { text: p.in }), $("td", {}, input)));
  }
  return table;
}
function operation(path, method, op) {
  const anchor = (method + path).replace(/[^a-z0-9]+/gi, "-");
  const section = $("section", { class: "op", id: anchor, "aria-labelledby": anchor + "-h" });
  section.append($("h3", { id: anchor + "-h" }, $("span", { class: "method m-" + method, text: method.toUpperCase() }), $("code", { text: path })));
  section.append($("p", { text: op.summary || "" }));
  if (op.description) section.append($("p", { class: "muted", text: op.description }));
  if (op["x-required-permission"]) section.append($("p", { class: "muted", text: "Permission: " + op["x-required-permission"] }));
  const params = (op.parameters || []).filter((p) => p.in === "path" || p.in === "query");
  const form = $("form", { "aria-label": "Try " + method.toUpperCase() + " " + path });
  if (params.length) form.append(paramTable(params));
  const bodySchema = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
  let textarea = null;
  if (bodySchema) { textarea = $("textarea", { "aria-label": "Request body (JSON)" }); textarea.value = JSON.stringify(example(bodySchema.schema), null, 2); form.append($("p", { text: "Body (JSON)" }), textarea); }
  const out = $("div", { "aria-live": "polite" });
  form.append($("p", {}, $("button", { type: "submit", text: "Send request" })), out);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let url = path; const query = new URLSearchParams();
    for (const input of form.querySelectorAll("input.param")) { if (!input.value) continue; if (input.dataset.in === "path") url = url.replace("{" + input.dataset.name + "}", encodeURIComponent(input.value)); else query.set(input.dataset.name, input.value); }
    const headers = { "content-type": "application/json" }; if (tokenInput.value) headers.authorization = "Bearer " + tokenInput.value.trim();
    out.textContent = "Sending…";
    try {
      const res = await fetch(url + (query.size ? "?" + query : ""), { method: method.toUpperCase(), headers, body: textarea ? textarea.value : undefined });
      const text = await res.text(); let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
      out.replaceChildren($("p", { class: "status", text: res.status + " " + res.statusText }), $("pre", { text: shown || "(empty body)" }));
    } catch (error) { out.replaceChildren($("p", { class: "status", text: "Request failed: " + error.message })); }
  });
  // The tracking host's operations (their own servers) would reach this host, which does not take them.
  const server = op.servers && op.servers[0];
  if (server) section.append($("p", { class: "muted", text: "Not on this host: send it to " + server.url.replace(/[{](\\w+)[}]/g, (m, v) => (server.variables && server.variables[v] ? server.variables[v].default : m)) + path }));
  else section.append($("details", {}, $("summary", { text: "Try it" }), form));
  const responses = $("table", {}, $("tr", {}, $("th", { text: "Status" }), $("th", { text: "Meaning" })));
  for (const [code, r] of Object.entries(op.responses || {})) responses.append($("tr", {}, $("td", { text: code }), $("td", { text: r.description || "" })));
  section.append($("details", {}, $("summary", { text: "Responses" }), responses));
  return { section, anchor };
}
fetch("/openapi.json").then((r) => r.json()).then((d) => {
  doc = d;
  document.getElementById("title").textContent = d.info.title + " " + d.info.version;
  document.getElementById("intro").textContent = d.info.description || "";
  const byTag = new Map();
  for (const [path, item] of Object.entries(d.paths)) for (const [method, op] of Object.entries(item)) { const tag = (op.tags || ["Other"])[0]; if (!byTag.has(tag)) byTag.set(tag, []); byTag.get(tag).push([path, method, op]); }
  const nav = document.getElementById("nav"), main = document.getElementById("operations");
  for (const [tag, ops] of byTag) {
    nav.append($("h2", { text: tag })); main.append($("h2", { text: tag }));
    for (const [path, method, op] of ops) { const { section, anchor } = operation(path, method, op); main.append(section); nav.append($("a", { href: "#" + anchor, text: method.toUpperCase() + " " + path })); }
  }
  document.body.dataset.ready = "true";
}).catch((error) => { document.getElementById("operations").textContent = "Could not load /openapi.json: " + error.message; });
`;
