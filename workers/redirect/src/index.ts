import { createRedirectApp, unavailable } from "./app";
import type { RedirectEnv } from "./env";
import { linkCodeOf } from "../../../core/request-url";
import { followLink } from "./routes/follow-link";

export { EventBuffer, IpGuard, RateLimiter, VisitorGuard } from "../../../durable-objects";

const app = createRedirectApp();

export default {
  // Affiliate links, nearly all of this Worker's traffic, skip the router; the app answers everything else
  // (and would answer links the same way: it routes `/:code` to the same followLink).
  fetch(request: Request, env: RedirectEnv, ctx: ExecutionContext): Response | Promise<Response> {
    const code = linkCodeOf(request.method, request.url);
    if (code === null) return app.fetch(request, env, ctx);
    try {
      const answer = followLink(request, env, ctx, code);
      return answer instanceof Promise ? answer.catch((err: unknown) => unavailable(err, request.url)) : answer;
    } catch (err) {
      return unavailable(err, request.url);
    }
  },
} satisfies ExportedHandler<RedirectEnv>;
