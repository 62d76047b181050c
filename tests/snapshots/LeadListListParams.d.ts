/**
 * Parameters of `GET /lead-lists`: query parameters and body fields under their wire names.
 */
export interface LeadListListParams {
  /**
   * The number of items to return
   */
  limit?: number | undefined;
  /**
   * The starting after timestamp to filter lead lists by.
   */
  starting_after?: string | undefined;
  /**
   * Whether the list has an enrichment task.
   */
  has_enrichment_task?: boolean | undefined;
  /**
   * The search query to filter lead lists by.
   */
  search?: string | undefined;
}
