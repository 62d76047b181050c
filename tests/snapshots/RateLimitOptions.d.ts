/**
 * `rateLimit` client option: the budget this client keeps to. The workspace limit is shared by
 * every key and process of the workspace, so lower it when several clients run at once.
 */
export interface RateLimitOptions {
    /**
     * Requests per second (default 100), paced evenly after a short burst.
     */
    perSecond?: number;
    /**
     * Requests per minute (default 6000).
     */
    perMinute?: number;
    /**
     * Whether the documented per-route limits apply (e.g. `GET /emails` 20/minute); default
     * true.
     */
    routeLimits?: boolean;
}
