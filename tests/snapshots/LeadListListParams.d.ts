/**
 * Query of `GET /lead-lists`.
 */
export interface LeadListListParams {
    /**
     * Page size, 1–100.
     */
    limit?: number;
    /**
     * Cursor from the previous page's `next_starting_after`.
     */
    starting_after?: string;
    /**
     * Only lists with (or without) an enrichment task.
     */
    has_enrichment_task?: boolean;
    /**
     * Search by name.
     */
    search?: string;
}
