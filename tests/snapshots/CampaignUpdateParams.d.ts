/**
 * Parameters of `PATCH /campaigns/{id}`: query parameters and body fields under their wire names.
 */
export interface CampaignUpdateParams {
  /**
   * Name of the campaign
   */
  name?: string;
  /**
   * Value of every positive lead
   */
  pl_value?: number | null;
  /**
   * Whether the campaign is evergreen
   */
  is_evergreen?: boolean | null;
  /**
   * Campaign schedule
   */
  campaign_schedule?: CampaignSchedule;
  /**
   * List of sequences (the actual email copy). Even though this field is an array, only the first element is used, so please provide only one array item, and add the steps to that array
   */
  sequences?: Sequence[];
  /**
   * The gap between emails in minutes
   */
  email_gap?: number | null;
  /**
   * The maximum random wait time in minutes
   */
  random_wait_max?: number | null;
  /**
   * Whether the campaign is text only
   */
  text_only?: boolean | null;
  /**
   * Whether the campaign is send the first email as a text only
   */
  first_email_text_only?: boolean | null;
  /**
   * List of accounts to use for sending emails
   */
  email_list?: string[];
  /**
   * The daily limit for sending emails
   */
  daily_limit?: number | null;
  /**
   * Whether to stop the campaign on reply
   */
  stop_on_reply?: boolean | null;
  /**
   * List of tags to use for sending emails
   */
  email_tag_list?: string[];
  /**
   * Whether to track links in emails
   */
  link_tracking?: boolean | null;
  /**
   * Whether to track opens in emails
   */
  open_tracking?: boolean;
  /**
   * Whether to stop the campaign on auto reply
   */
  stop_on_auto_reply?: boolean | null;
  /**
   * The daily maximum new leads to contact
   */
  daily_max_leads?: number | null;
  /**
   * Whether to prioritize new leads
   */
  prioritize_new_leads?: boolean | null;
  /**
   * Auto variant select settings
   */
  auto_variant_select?: CampaignCreateParamsAutoVariantSelect | null;
  /**
   * Whether to match leads by ESP
   */
  match_lead_esp?: boolean | null;
  /**
   * Whether to stop the campaign for the entire company(domain) when a lead replies
   */
  stop_for_company?: boolean | null;
  /**
   * Whether to insert an unsubscribe header in emails
   */
  insert_unsubscribe_header?: boolean | null;
  /**
   * Whether to allow risky contacts
   */
  allow_risky_contacts?: boolean | null;
  /**
   * Whether to disable bounce protection
   */
  disable_bounce_protect?: boolean | null;
  /**
   * Overrides the workspace-wide limit emails per company setting for this campaign.
   */
  limit_emails_per_company_override?: CampaignCreateParamsLimitEmailsPerCompanyOverride | null;
  /**
   * List of accounts to CC on emails
   */
  cc_list?: string[];
  /**
   * List of accounts to BCC on emails
   */
  bcc_list?: string[];
  /**
   * Owner ID
   */
  owned_by?: string | null;
  /**
   * Auto variant select settings
   */
  provider_routing_rules?: CampaignCreateParamsProviderRoutingRulesItem[];
}
