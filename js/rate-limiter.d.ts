/**
 * A Cloudflare Durable Object sharing one Instantly rate budget (100 requests/second and
 * 6,000/minute per workspace, and the per-route limits) between every isolate and Worker bound
 * to it. Re-export it from your Worker, bind it in wrangler.toml, and pass the binding as
 * `rateLimit: { shared: env.INSTANTLY_RATE_LIMITER }`. Plain JS: it needs no wasm.
 */
export declare class InstantlyRateLimiter {
  /** Called by the Workers runtime. */
  constructor(state: unknown, env: unknown);
  /** `POST /lease` answers a `Lease`; `POST /feedback` records a 429 (204). */
  fetch(request: Request): Promise<Response>;
}
