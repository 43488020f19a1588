import { createResource, Show } from "solid-js";

/** Placeholder until the dashboard issue: shows that the dashboard reaches the API, and nothing else. */
async function apiStatus(): Promise<{ title: string; version: string }> {
  const res = await fetch("/openapi.json");
  if (!res.ok) throw new Error(`API answered ${res.status}`);
  const doc = (await res.json()) as { info: { title: string; version: string } };
  return doc.info;
}

export function App() {
  const [status] = createResource(apiStatus);
  return (
    <main style={{ "font-family": "system-ui, sans-serif", "max-width": "40rem", margin: "4rem auto", padding: "0 1rem", color: "#1f2937" }}>
      <h1>Indica</h1>
      <p>Affiliate tracking for your store. The merchant and affiliate dashboard is on its way.</p>
      <Show when={!status.loading} fallback={<p>Checking the API…</p>}>
        <Show when={!status.error} fallback={<p role="alert">The API is not reachable: {String(status.error)}</p>}>
          <p>
            Connected to {status()?.title} {status()?.version}. Explore it at <a href="/openapi.json">/openapi.json</a>.
          </p>
        </Show>
      </Show>
    </main>
  );
}
