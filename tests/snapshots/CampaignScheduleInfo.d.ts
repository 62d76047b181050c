/**
 * Campaign schedule
 */
export interface CampaignScheduleInfo {
  /**
   * Start date in YYYY-MM-DD format. Uses the campaign's timezone.
   */
  start_date?: string | null;
  /**
   * End date in YYYY-MM-DD format. Uses the campaign's timezone.
   */
  end_date?: string | null;
  /**
   * `schedules`
   */
  schedules?: Schedule[];
}
