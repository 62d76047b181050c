/**
 * Parameters of `POST /leads/list`: query parameters and body fields under their wire names.
 */
export interface LeadListParams {
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
   * Array of lead IDs to include
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
   * The number of items to return
   */
  limit?: number | undefined;
  /**
   * Forward pagination cursor. When distinct_contacts is false, provide the `id` value from the last lead of the previous page; when true, provide the lead's email.
   */
  starting_after?: string | undefined;
  /**
   * Array of organization user IDs to filter leads
   */
  organization_user_ids?: string[] | undefined;
  /**
   * Smart view ID to filter leads
   */
  smart_view_id?: string | undefined;
  /**
   * Whether the lead is a website visitor
   */
  is_website_visitor?: boolean | undefined;
  /**
   * Whether to return distinct contacts
   */
  distinct_contacts?: boolean | undefined;
  /**
   * Enrichment status to filter leads
   */
  enrichment_status?: 1 | -1 | 11 | -2 | undefined;
  /**
   * ESG code to filter leads
   */
  esg_code?: "0" | "1" | "2" | "3" | "4" | "all" | "none" | undefined;
}
