/**
 * A list used to store leads
 */
export interface LeadList {
  /**
   * Unique identifier for the lead list
   */
  id: string;
  /**
   * Organization ID that owns this lead list
   */
  organization_id: string;
  /**
   * Whether this list runs the enrichment process on every added lead or not
   */
  has_enrichment_task?: boolean | null;
  /**
   * User ID of the owner of this lead list. Defaults to the user that created the list
   */
  owned_by?: string | null;
  /**
   * Name of the lead list
   */
  name: string;
  /**
   * Timestamp when the lead list was created
   */
  timestamp_created: string;
}
