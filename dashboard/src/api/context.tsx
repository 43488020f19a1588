/** The API client and session, given to every page through context so tests can hand in fakes. */
import { createContext, useContext, type ParentProps } from "solid-js";
import { createIndicaClient, type IndicaClient } from "../../../sdk";
import { createSession, type Session } from "./session";

export interface Api {
  client: IndicaClient;
  session: Session;
}

const ApiContext = createContext<Api>();

export function createApi(baseUrl: string, fetchImpl?: typeof fetch, storage?: Storage): Api {
  const session = createSession({ baseUrl, fetch: fetchImpl, storage });
  const client = createIndicaClient({ baseUrl, fetch: fetchImpl, token: () => session.accessToken() });
  client.use({
    onResponse({ response }) {
      // The session ended server-side (signed out, disabled): drop it so the app shows the sign-in page.
      if (response.status === 401) session.expire();
      return response;
    },
  });
  return { client, session };
}

export function ApiProvider(props: ParentProps<{ api: Api }>) {
  return <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside ApiProvider");
  return api;
}
