/**
 * Parameters of `POST /leads/move`: query parameters and body fields under their wire names.
 */
export interface LeadMoveParams {
  /**
   * A search string to search the leads against - can be First Name, Last Name, or Email
   */
  search?: string | undefined;
  /**
   * Filter criteria for leads. For custom lead labels, use the `interest_status` field.
   */
  filter?: "FILTER_VAL_CONTACTED" | "FILTER_VAL_NOT_CONTACTED" | "FILTER_VAL_COMPLETED" | "FILTER_VAL_UNSUBSCRIBED" | "FILTER_VAL_ACTIVE" | "FILTER_LEAD_INTERESTED" | "FILTER_LEAD_NOT_INTERESTED" | "FILTER_LEAD_MEETING_BOOKED" | "FILTER_LEAD_MEETING_COMPLETED" | "FILTER_LEAD_CLOSED" | "FILTER_LEAD_OUT_OF_OFFICE" | "FILTER_LEAD_WRONG_PERSON" | "FILTER_LEAD_LOST" | "FILTER_LEAD_NO_SHOW" | "FILTER_LEAD_CUSTOM_LABEL_POSITIVE" | "FILTER_LEAD_CUSTOM_LABEL_NEGATIVE" | "FILTER_VAL_BOUNCED" | "FILTER_VAL_SKIPPED" | "FILTER_VAL_RISKY" | "FILTER_VAL_INVALID" | "FILTER_VAL_VALID" | "FILTER_VAL_IN_SUBSEQUENCE" | "FILTER_VAL_OPENED_NO_REPLY" | "FILTER_VAL_COMPLETED_NO_REPLY" | "FILTER_VAL_NO_OPENS" | "FILTER_VAL_REPLIED" | "FILTER_VAL_LINK_CLICKED" | undefined;
  /**
   * Campaign ID to filter leads
   */
  campaign?: string | undefined;
  /**
   * List ID to filter leads
   */
  list_id?: string | undefined;
  /**
   * Whether the lead is in a campaign
   */
  in_campaign?: boolean | undefined;
  /**
   * Whether the lead is in a list
   */
  in_list?: boolean | undefined;
  /**
   * Array of lead IDs to include. When using this parameter, you must provide either `campaign` or `list_id` to specify which campaign or list to filter the leads from. This parameter acts as a filter within the specified campaign or list, not as a standalone way to select leads.
   */
  ids?: string[] | undefined;
  /**
   * `queries`
   */
  queries?: LeadQuery[] | undefined;
  /**
   * Array of lead IDs to exclude
   */
  excluded_ids?: string[] | undefined;
  /**
   * Array of emails the leads needs to have
   */
  contacts?: string[] | undefined;
  /**
   * The ID of the campaign to move the leads to.
   */
  to_campaign_id?: string | undefined;
  /**
   * The ID of the list to move the leads to.
   */
  to_list_id?: string | undefined;
  /**
   * Whether to ignore saved lead-finder clauses for the source campaign/list when selecting leads to move.
   */
  ignore_resource_filter_clauses?: boolean | undefined;
  /**
   * Whether to check duplicates in campaigns.
   */
  check_duplicates_in_campaigns?: boolean | undefined;
  /**
   * Whether to skip leads in verification.
   */
  skip_leads_in_verification?: boolean | undefined;
  /**
   * The limit of the number of leads to move.
   */
  limit?: number | undefined;
  /**
   * The ID of the user to assign the leads to.
   */
  assigned_to?: string | undefined;
  /**
   * The ESP code to move the leads for.
   */
  esp_code?: 0 | 1 | 2 | 3 | 8 | 9 | 10 | 12 | 13 | 999 | 1000 | undefined;
  /**
   * The ESG code to move the leads for.
   */
  esg_code?: "0" | "1" | "2" | "3" | "4" | "all" | "none" | undefined;
  /**
   * Whether to copy the leads.
   */
  copy_leads?: boolean | undefined;
  /**
   * Whether to check duplicates.
   */
  check_duplicates?: boolean | undefined;
  /**
   * Whether to reset the interest status of leads when moving or copying them. When true, the interest status will be reset. When false, the existing interest status will be preserved; for non-copy campaign-to-campaign moves, opportunities will also be migrated to the target campaign.
   */
  reset_interest_status?: boolean | undefined;
}
