/**
 * CampaignAnalyticsOverview
 */
export interface CampaignAnalyticsOverview {
  /**
   * The total number of times the emails were opened, including duplicates
   */
  open_count?: number;
  /**
   * The number of emails that got opened (for the first time only)
   */
  open_count_unique?: number;
  /**
   * The unique number of times the emails were opened (counted once per lead, step, and campaign)
   */
  open_count_unique_by_step?: number;
  /**
   * The number of links that got clicked
   */
  link_click_count?: number;
  /**
   * The number of links that got clicked (for the first time)
   */
  link_click_count_unique?: number;
  /**
   * The unique number of links that got clicked, per step (counted once per lead, step, and campaign)
   */
  link_click_count_unique_by_step?: number;
  /**
   * The total number of replies received (if a lead replies multiple times, each reply is counted)
   */
  reply_count?: number;
  /**
   * The number of unique replies (first reply per lead). Excludes automatic replies.
   */
  reply_count_unique?: number;
  /**
   * The number of unique replies per step (first reply per lead per step). Excludes automatic replies.
   */
  reply_count_unique_by_step?: number;
  /**
   * The total number of automatic replies received (e.g., out-of-office)
   */
  reply_count_automatic?: number;
  /**
   * The number of unique leads that sent automatic replies
   */
  reply_count_automatic_unique?: number;
  /**
   * The unique number of automatic replies per step (counted once per lead, step, and campaign)
   */
  reply_count_automatic_unique_by_step?: number;
  /**
   * The number of bounced leads
   */
  bounced_count?: number;
  /**
   * The number of unsubscribed leads
   */
  unsubscribed_count?: number;
  /**
   * The number of leads that the campaign was completed for
   */
  completed_count?: number;
  /**
   * The total number of sent emails
   */
  emails_sent_count?: number;
  /**
   * The total number of unique leads contacted
   */
  contacted_count?: number;
  /**
   * The total number of new leads contacted
   */
  new_leads_contacted_count?: number;
  /**
   * The total number of unique opportunities created
   */
  total_opportunities?: number;
  /**
   * The total value of opportunities created
   */
  total_opportunity_value?: number;
  /**
   * The total number of interested opportunities created
   */
  total_interested?: number;
  /**
   * The total number of meeting booked opportunities created
   */
  total_meeting_booked?: number;
  /**
   * The total number of meeting completed opportunities created
   */
  total_meeting_completed?: number;
  /**
   * The total number of closed opportunities created
   */
  total_closed?: number;
}
