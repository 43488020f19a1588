/**
 * Component-test helpers: a fake API answering by "METHOD /path" (recording what was sent), and a render
 * that wraps a page in the app's providers with a memory router.
 */
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { render } from "@solidjs/testing-library";
import type { JSX } from "solid-js";
import { ApiProvider, createApi, type Api } from "../src/api/context";
import { createI18n, I18nProvider, type Locale } from "../src/i18n/i18n";

export type Handler = (req: Request, body: unknown) => unknown | Response;

export interface FakeApi {
  fetch: typeof fetch;
  calls: { method: string; path: string; search: string; body: unknown }[];
}

export function fakeApi(routes: Record<string, Handler>): FakeApi {
  const calls: FakeApi["calls"] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const text = req.method === "GET" ? "" : await req.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    calls.push({ method: req.method, path: url.pathname, search: url.search, body });
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) return Response.json({ title: "Not Found", code: "not_found" }, { status: 404 });
    const answer = await handler(req, body);
    return answer instanceof Response ? answer : Response.json(answer);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/** An in-memory sessionStorage, so tests neither share nor leak tokens. */
export function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

export function renderPage(page: () => JSX.Element, o: { api: FakeApi; location?: string; locale?: Locale }): Api & ReturnType<typeof render> {
  const api = createApi("http://indica.test", o.api.fetch, memoryStorage());
  const i18n = createI18n(o.locale ?? "pt-BR");
  const history = createMemoryHistory();
  if (o.location) history.set({ value: o.location });
  // Pages that use routing get a memory router (it mounts them on the next tick: use findBy…).
  const routed = () => (
    <MemoryRouter history={history}>
      <Route path="*" component={page} />
    </MemoryRouter>
  );
  const result = render(o.location ? routed : page, {
    wrapper: (props) => (
      <I18nProvider i18n={i18n}>
        <ApiProvider api={api}>{props.children}</ApiProvider>
      </I18nProvider>
    ),
  });
  return Object.assign(result, api);
}
