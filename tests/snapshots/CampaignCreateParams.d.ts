/**
 * Parameters of `POST /campaigns`: query parameters and body fields under their wire names.
 */
export interface CampaignCreateParams {
  /**
   * Name of the campaign
   */
  name: string;
  /**
   * Value of every positive lead
   */
  pl_value?: number | null | undefined;
  /**
   * Whether the campaign is evergreen
   */
  is_evergreen?: boolean | null | undefined;
  /**
   * Campaign schedule
   */
  campaign_schedule: CampaignSchedule;
  /**
   * List of sequences (the actual email copy). Even though this field is an array, only the first element is used, so please provide only one array item, and add the steps to that array
   */
  sequences?: Sequence[] | undefined;
  /**
   * The gap between emails in minutes
   */
  email_gap?: number | null | undefined;
  /**
   * The maximum random wait time in minutes
   */
  random_wait_max?: number | null | undefined;
  /**
   * Whether the campaign is text only
   */
  text_only?: boolean | null | undefined;
  /**
   * Whether the campaign is send the first email as a text only
   */
  first_email_text_only?: boolean | null | undefined;
  /**
   * List of accounts to use for sending emails
   */
  email_list?: string[] | undefined;
  /**
   * The daily limit for sending emails
   */
  daily_limit?: number | null | undefined;
  /**
   * Whether to stop the campaign on reply
   */
  stop_on_reply?: boolean | null | undefined;
  /**
   * List of tags to use for sending emails
   */
  email_tag_list?: string[] | undefined;
  /**
   * Whether to track links in emails
   */
  link_tracking?: boolean | null | undefined;
  /**
   * Whether to track opens in emails
   */
  open_tracking?: boolean | undefined;
  /**
   * Whether to stop the campaign on auto reply
   */
  stop_on_auto_reply?: boolean | null | undefined;
  /**
   * The daily maximum new leads to contact
   */
  daily_max_leads?: number | null | undefined;
  /**
   * Whether to prioritize new leads
   */
  prioritize_new_leads?: boolean | null | undefined;
  /**
   * Auto variant select settings
   */
  auto_variant_select?: CampaignCreateParamsAutoVariantSelect | null | undefined;
  /**
   * Whether to match leads by ESP
   */
  match_lead_esp?: boolean | null | undefined;
  /**
   * Whether to stop the campaign for the entire company(domain) when a lead replies
   */
  stop_for_company?: boolean | null | undefined;
  /**
   * Whether to insert an unsubscribe header in emails
   */
  insert_unsubscribe_header?: boolean | null | undefined;
  /**
   * Whether to allow risky contacts
   */
  allow_risky_contacts?: boolean | null | undefined;
  /**
   * Whether to disable bounce protection
   */
  disable_bounce_protect?: boolean | null | undefined;
  /**
   * Overrides the workspace-wide limit emails per company setting for this campaign.
   */
  limit_emails_per_company_override?: CampaignCreateParamsLimitEmailsPerCompanyOverride | null | undefined;
  /**
   * List of accounts to CC on emails
   */
  cc_list?: string[] | undefined;
  /**
   * List of accounts to BCC on emails
   */
  bcc_list?: string[] | undefined;
  /**
   * Owner ID
   */
  owned_by?: string | null | undefined;
  /**
   * AI Sales Agent ID that created this campaign
   */
  ai_sdr_id?: string | null | undefined;
  /**
   * Auto variant select settings
   */
  provider_routing_rules?: CampaignCreateParamsProviderRoutingRulesItem[] | undefined;
}
