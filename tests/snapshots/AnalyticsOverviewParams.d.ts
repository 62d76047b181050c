/**
 * Query of `GET /campaigns/analytics/overview`.
 */
export interface AnalyticsOverviewParams {
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
     * End, `YYYY-MM-DD` or an ISO 8601 timestamp; not before `start_date`.
     */
    end_date?: string;
    /**
     * Only campaigns with this status (see `CampaignStatus`).
     */
    campaign_status?: number;
    /**
     * Count every interest-status event instead of the first per contact (affects the
     * `total_*` opportunity fields).
     */
    expand_crm_events?: boolean;
}
