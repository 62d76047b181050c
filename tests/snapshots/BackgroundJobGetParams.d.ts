/**
 * Query of `GET /background-jobs/{id}`.
 */
export interface BackgroundJobGetParams {
    /**
     * Keys of `data` to include (sent comma-separated), e.g.
     * `["moved_lead_emails", "moved_leads"]` or `["success_count", "failed_count"]`.
     */
    data_fields?: string[];
}
