/**
 * A summary of the bulk import operation.
 */
export interface LeadBulkAddResult {
  /**
   * Indicates the request was processed.
   */
  status: string;
  /**
   * The total number of leads included in the request payload.
   */
  total_sent: number;
  /**
   * The number of leads that were successfully created.
   */
  leads_uploaded: number;
  /**
   * The number of leads that were skipped because their email was found on the blocklist.
   */
  in_blocklist: number;
  /**
   * The ID of the blocklist that was used for the check.
   */
  blocklist_used: string | null;
  /**
   * The number of leads that were already in this specific campaign or list and were not re-added.
   */
  duplicated_leads: number;
  /**
   * The number of leads skipped due to the `skip_if_in_...` flags being enabled.
   */
  skipped_count: number;
  /**
   * The number of leads skipped due to an invalid email format or a missing email address.
   */
  invalid_email_count: number;
  /**
   * The number of leads skipped due to missing email and names. Only calculated for lists.
   */
  incomplete_count: number;
  /**
   * The number of leads skipped because their email was duplicated within the request payload itself.
   */
  duplicate_email_count: number;
  /**
   * The remaining lead uploads in the current billing plan. This value is only present in the response when a `campaign_id` is provided.
   */
  remaining_in_plan: number | null;
  /**
   * A list of created leads with their summary information. You can use this to map your input to the created leads.
   */
  created_leads: CreatedLead[];
}
