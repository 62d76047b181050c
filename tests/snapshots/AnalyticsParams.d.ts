/**
 * Query of `GET /campaigns/analytics`.
 */
export interface AnalyticsParams {
    /**
     * One campaign UUID (omit for every campaign).
     */
    id?: string;
    /**
     * Several campaign UUIDs, sent as a repeated key (`ids=a&ids=b`).
     */
    ids?: string[];
    /**
     * Start, `YYYY-MM-DD` (UTC midnight) or an ISO 8601 timestamp.
     */
    start_date?: string;
    /**
     * End, `YYYY-MM-DD` (UTC midnight) or an ISO 8601 timestamp; not before `start_date`.
     */
    end_date?: string;
    /**
     * Skip counting the campaign's leads (much faster; `leads_count` is then not meaningful).
     */
    exclude_total_leads_count?: boolean;
}
