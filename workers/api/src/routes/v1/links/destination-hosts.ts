/** The deep-link allow-list, for link forms to show before anyone types a URL it would refuse. */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";
import { destinationHosts } from "../../../services/destination-hosts";

export const destinationHostsSchema = z
  .object({
    hosts: z.array(z.string()).openapi({
      description:
        "Hosts a link's destinationUrl may be on, each with its subdomains: the campaigns' destinations, the allowed origins, the cookie domain, the verified domains and the tenant's destinationHosts, lower case, IDNs in punycode, without a leading www.",
      example: ["loja.example", "loja.marketplace.example"],
    }),
  })
  .openapi("DestinationHosts");

const route = createRoute({
  method: "get",
  path: "/v1/links/destination-hosts",
  tags: ["Links"],
  summary: "Where links may send shoppers",
  description:
    "A destination must use https (http only where its campaign's own destination is http) and be on one of these hosts or their subdomains; anything else is a 422 on `destinationUrl`. Merchants add hosts with `destinationHosts` in `PATCH /v1/tenant`.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "links:read" })] as const,
  responses: { 200: { description: "The allowed hosts", content: { "application/json": { schema: destinationHostsSchema } } }, ...standardErrors },
});

export function registerDestinationHosts(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => c.json({ hosts: await destinationHosts(c.get("db"), c.get("principal").tenantId) }, 200));
}
