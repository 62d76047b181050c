/**
 * Parameters of `PATCH /lead-lists/{id}`: query parameters and body fields under their wire names.
 */
export interface LeadListUpdateParams {
  /**
   * Whether this list runs the enrichment process on every added lead or not
   */
  has_enrichment_task?: boolean | null | undefined;
  /**
   * User ID of the owner of this lead list. Defaults to the user that created the list
   */
  owned_by?: string | null | undefined;
  /**
   * Name of the lead list
   */
  name?: string | undefined;
}
