/** Checks the merchant's site for the tracking snippet, from the settings page or a script. */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";
import { checkInstall } from "../../../services/install-check";
import { webhookUrlProblem } from "../webhooks/url-policy";
import { strictBody } from "../../../lib/strict-body";

const body = strictBody({ url: z.string().max(2048).openapi({ example: "https://www.loja.com.br/" }) }).openapi("InstallCheckRequest");
const result = z
  .object({
    found: z.boolean().openapi({ description: "A script with src ending in /_indica/s.js (or s.<hash>.js) is on the page" }),
    siteIdMatches: z.boolean().openapi({ description: "Its data-site is your account id" }),
    scriptReachable: z.boolean().openapi({ description: "<origin>/_indica/s.js answers with JavaScript" }),
    details: z.array(z.string()).openapi({ description: "What is wrong, in words; empty when all is well" }),
  })
  .openapi("InstallCheck");

const route = createRoute({
  method: "post", path: "/v1/tenant/install-check", tags: ["Account"], summary: "Check that the tracking snippet is installed on a page",
  description: "Fetches the page (https; 5 s, first 1 MB) and `<origin>/_indica/s.js`. An unreachable page is an answer with `found: false` and the reason, not an error.",
  security: bearerAuth, middleware: [authenticate({ permission: "tenant:read" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: body } } } },
  responses: { 200: { description: "What was found", content: { "application/json": { schema: result } } }, ...standardErrors },
});

export function registerInstallCheck(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(route, async (c) => {
    const { url } = c.req.valid("json");
    const refused = webhookUrlProblem(c, url);
    if (refused) return refused;
    return c.json(await checkInstall(url, c.get("principal").tenantId), 200);
  });
}
