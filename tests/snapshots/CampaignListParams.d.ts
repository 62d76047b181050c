/**
 * Query of `GET /campaigns`.
 */
export interface CampaignListParams {
    /**
     * Page size, 1–100.
     */
    limit?: number;
    /**
     * Cursor from the previous page's `next_starting_after`.
     */
    starting_after?: string;
    /**
     * Search by name.
     */
    search?: string;
    /**
     * Comma-separated tag UUIDs.
     */
    tag_ids?: string;
    /**
     * Filter by AI sales agent UUID.
     */
    ai_sales_agent_id?: string;
    /**
     * Only this status (see `CampaignStatus`).
     */
    status?: number;
    /**
     * Every status but this one.
     */
    exclude_status?: number;
}
