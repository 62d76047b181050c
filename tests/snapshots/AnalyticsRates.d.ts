/**
 * The four rates, as the JS objects carry them next to the API's counts.
 */
export interface AnalyticsRates {
    /**
     * Computed by this client: opens (unique when available) per contacted lead, percent
     * 0–100, 2 decimals.
     */
    open_rate: number;
    /**
     * Computed by this client: replies (unique when available) per contacted lead, percent
     * 0–100, 2 decimals.
     */
    reply_rate: number;
    /**
     * Computed by this client: link clicks (unique when available) per contacted lead,
     * percent 0–100, 2 decimals.
     */
    click_rate: number;
    /**
     * Computed by this client: bounced leads per contacted lead, percent 0–100, 2 decimals.
     */
    bounce_rate: number;
}
