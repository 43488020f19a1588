/**
 * The typed client for Indica's API, generated from the OpenAPI document: paths, parameters, bodies and
 * responses are checked by TypeScript. Built on openapi-fetch (a thin wrapper over fetch).
 *
 *   const indica = createIndicaClient({ baseUrl: "https://api.indica.example", token: process.env.INDICA_KEY });
 *   const { data, error } = await indica.POST("/v1/links", { body: { campaignId, affiliateId } });
 *
 * Server-to-server conversions go to the tracking host: createIndicaClient({ baseUrl: "https://t.indica.example", token }).
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.generated";

export type { components, operations, paths } from "./schema.generated";
export type IndicaClient = Client<paths>;

export interface IndicaClientOptions {
  baseUrl: string;
  /** An API key (`ik_...`) or a session access token; a function is asked before every request (refreshing tokens). */
  token?: string | (() => string | null | Promise<string | null>);
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export function createIndicaClient(options: IndicaClientOptions): IndicaClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch, headers: options.headers });
  if (options.token) {
    const token = options.token;
    client.use({
      async onRequest({ request }) {
        const value = typeof token === "function" ? await token() : token;
        if (value) request.headers.set("authorization", `Bearer ${value}`);
        return request;
      },
    });
  }
  return client;
}
