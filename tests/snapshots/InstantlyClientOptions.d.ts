/**
 * Client options as JavaScript passes them to `new InstantlyClient({...})` (camelCase).
 */
export interface InstantlyClientOptions {
    /**
     * Your Instantly API V2 key (Settings → Integrations → API keys). Omit it when `baseUrl`
     * points at your own proxy that adds the key.
     */
    apiKey?: string | undefined;
    /**
     * API origin (default `https://api.instantly.ai`) or your proxy, without `/api/v2`: the
     * client appends `/api/v2/...` itself.
     */
    baseUrl?: string | undefined;
    /**
     * Per-attempt timeout in milliseconds (default 30000).
     */
    timeoutMs?: number | undefined;
    /**
     * Retries after the first attempt (default 3, at most 10).
     */
    maxRetries?: number | undefined;
    /**
     * Act on a sub-workspace (`x-as-workspace`; admin keys only).
     */
    workspaceId?: string | undefined;
    /**
     * Allow an `apiKey` in browser code, where every visitor can read it. Set it knowingly,
     * e.g. in a browser extension that stores the user's own key.
     */
    dangerouslyAllowBrowser?: boolean | undefined;
    /**
     * Client-side rate limiter. Default: the documented limits (100 requests/second and
     * 6,000/minute per workspace, lower on a few routes); concurrent calls queue in order
     * instead of collecting 429s. Every client in the realm with the same key shares the
     * budget; `shared` extends that to other processes and isolates. `false` turns it off.
     */
    rateLimit?: RateLimitOptions | false | undefined;
}
