/**
 * DailyAnalytics
 */
export interface DailyAnalytics {
  /**
   * The date of the analytics entry, in YYYY-MM-DD format
   */
  date?: string;
  /**
   * The total number of sent emails
   */
  sent?: number;
  /**
   * The total number of unique contacts who received an email that day
   */
  contacted?: number;
  /**
   * The total number of new leads contacted that day
   */
  new_leads_contacted?: number;
  /**
   * The total number of opened emails
   */
  opened?: number;
  /**
   * The total number of unique opened emails
   */
  unique_opened?: number;
  /**
   * The total number of replies
   */
  replies?: number;
  /**
   * The total number of unique replies
   */
  unique_replies?: number;
  /**
   * The total number of automatic replies detected
   */
  replies_automatic?: number;
  /**
   * The total number of unique automatic replies detected
   */
  unique_replies_automatic?: number;
  /**
   * The total number of links clicked
   */
  clicks?: number;
  /**
   * The total number of unique links clicked. Unique meaning from unique leads, not unique links. For instance, if a lead clicked a link 3 times, it will be counted as 1 unique click. If a lead clicked 3 different links, it will still be counted as 1 unique click
   */
  unique_clicks?: number;
  /**
   * The total number of unique opportunities created from the campaign on that day
   */
  opportunities?: number;
  /**
   * The total number of unique opportunities created from unique leads from the campaign on that day
   */
  unique_opportunities?: number;
}
