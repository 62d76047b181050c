/**
 * Query of `GET /campaigns/analytics/daily`. The campaign is `campaign_id` here, not `id`.
 */
export interface DailyAnalyticsParams {
    /**
     * Campaign UUID (omit for every campaign).
     */
    campaign_id?: string;
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
}
