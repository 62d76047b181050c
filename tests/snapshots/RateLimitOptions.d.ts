/**
 * `rateLimit` client option: the budget this client keeps to. By default every client in the
 * realm (page, isolate, process) with the same API key shares one budget; lower limits cap this
 * client on top of that shared budget.
 */
export interface RateLimitOptions {
    /**
     * Who shares the budget. Default: every client in this realm with the same API key. A
     * coordinator (`{ lease, feedback }`, or a Cloudflare Durable Object namespace bound to
     * `InstantlyRateLimiter`) shares it with every process and isolate that uses the same
     * coordinator. `false`: this client alone, with exactly `perSecond` and `perMinute` (which
     * may then exceed the documented limits).
     */
    shared?: RateLimitCoordinator | DurableObjectNamespaceLike | boolean | undefined;
    /**
     * Requests per second (default 100), paced evenly after a short burst.
     */
    perSecond?: number | undefined;
    /**
     * Requests per minute (default 6000).
     */
    perMinute?: number | undefined;
    /**
     * Whether the documented per-route limits apply (e.g. `GET /emails` 20/minute); default
     * true.
     */
    routeLimits?: boolean | undefined;
}
