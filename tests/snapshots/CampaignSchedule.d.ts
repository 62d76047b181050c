/**
 * Campaign schedule
 */
export interface CampaignSchedule {
  /**
   * Start date in YYYY-MM-DD format. Uses the campaign's timezone.
   */
  start_date?: string | null | undefined;
  /**
   * End date in YYYY-MM-DD format. Uses the campaign's timezone.
   */
  end_date?: string | null | undefined;
  /**
   * `schedules`
   */
  schedules: Schedule[];
}
