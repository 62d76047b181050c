/**
 * CampaignAnalytics
 */
export interface CampaignAnalytics {
  /**
   * The name of the campaign
   */
  campaign_name: string;
  /**
   * The ID of the campaign
   */
  campaign_id: string;
  /**
   * The campaign status
   */
  campaign_status: number;
  /**
   * Whether the campaign is evergreen
   */
  campaign_is_evergreen: boolean;
  /**
   * The total number of leads
   */
  leads_count: number;
  /**
   * Number of leads for whom the sequence has started
   */
  contacted_count: number;
  /**
   * The total number of sent emails
   */
  emails_sent_count: number;
  /**
   * The total number of new leads contacted
   */
  new_leads_contacted_count: number;
  /**
   * The number of leads that opened at least one email
   */
  open_count: number;
  /**
   * The number of unique email opens (first open per lead)
   */
  open_count_unique?: number;
  /**
   * The number of unique email opens per step (first open per lead per step)
   */
  open_count_unique_by_step?: number;
  /**
   * The total number of replies received (if a lead replies multiple times, each reply is counted)
   */
  reply_count: number;
  /**
   * The number of unique replies (first reply per lead). Excludes automatic replies.
   */
  reply_count_unique?: number;
  /**
   * The number of unique replies per step (first reply per lead per step). Excludes automatic replies.
   */
  reply_count_unique_by_step?: number;
  /**
   * The total number of automatic replies detected
   */
  reply_count_automatic?: number;
  /**
   * The number of unique automatic replies (first automatic reply per lead)
   */
  reply_count_automatic_unique?: number;
  /**
   * The number of unique automatic replies per step
   */
  reply_count_automatic_unique_by_step?: number;
  /**
   * The number of links that got clicked
   */
  link_click_count: number;
  /**
   * The number of unique link clicks (first click per lead)
   */
  link_click_count_unique?: number;
  /**
   * The number of unique link clicks per step (first click per lead per step)
   */
  link_click_count_unique_by_step?: number;
  /**
   * The number of bounced leads
   */
  bounced_count?: number;
  /**
   * The number of unsubscribed leads
   */
  unsubscribed_count: number;
  /**
   * The number of leads that the campaign was completed for
   */
  completed_count: number;
  /**
   * The total number of unique opportunities created
   */
  total_opportunities: number;
  /**
   * The total value of opportunities created
   */
  total_opportunity_value: number;
}
