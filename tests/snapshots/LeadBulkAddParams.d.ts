/**
 * Parameters of `POST /leads/add`: query parameters and body fields under their wire names.
 */
export interface LeadBulkAddParams {
  /**
   * The unique identifier for the campaign to add leads to. Use this field OR `list_id`, but not both.
   */
  campaign_id?: string | undefined;
  /**
   * The unique identifier for the list to add leads to. Use this field OR `campaign_id`, but not both.
   */
  list_id?: string | undefined;
  /**
   * An array of lead objects to create. When using `campaign_id`: Each lead object must contain an `email`. When using `list_id` Each lead object must contain at least one of the following: `email`, `first_name`, or `last_name`.
   */
  leads: LeadBulkAddParamsLeadsItem[];
  /**
   * Optional blocklist ID to check leads against. If omitted, the workspace default blocklist is used.
   */
  blocklist_id?: string | null | undefined;
  /**
   * Optional user ID to assign all imported leads to. If omitted, leads are assigned to the campaign owner when `campaign_id` is defined, or the user making the request.
   */
  assigned_to?: string | undefined;
  /**
   * If true, a background job will be created to verify the email addresses of the imported leads.
   */
  verify_leads_on_import?: boolean | undefined;
  /**
   * If true, any lead that already exists anywhere in your workspace (in any campaign or list) will be skipped. This option overrides the other "skip_if" flags.
   */
  skip_if_in_workspace?: boolean | undefined;
  /**
   * If true, any lead that already exists in ANY campaign in your workspace will be skipped.
   */
  skip_if_in_campaign?: boolean | undefined;
  /**
   * If true, any lead that already exists in ANY list in your workspace will be skipped.
   */
  skip_if_in_list?: boolean | undefined;
}
