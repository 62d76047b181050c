/**
 * Parameters of `GET /campaigns/analytics/overview`: query parameters and body fields under their wire names.
 */
export interface AnalyticsOverviewParams {
  /**
   * A campaign ID to get the analytics overview for. Leave this field empty to get the analytics overview for all campaigns
   */
  id?: string | undefined;
  /**
   * `ids`
   */
  ids?: string[] | undefined;
  /**
   * Start of the analytics range. Accepts a date-only value (`YYYY-MM-DD`) or a full ISO 8601 timestamp. Date-only values are interpreted as UTC midnight — e.g. `2026-04-07` is treated as `2026-04-07T00:00:00.000Z`.
   */
  start_date?: string | undefined;
  /**
   * End of the analytics range. Accepts a date-only value (`YYYY-MM-DD`) or a full ISO 8601 timestamp. Date-only values are interpreted as UTC midnight — e.g. `2026-04-07` is treated as `2026-04-07T00:00:00.000Z`.
   */
  end_date?: string | undefined;
  /**
   * Filter by campaign status (only the analytics for the campaigns with the specified status will be returned)
   */
  campaign_status?: -99 | -1 | -2 | 0 | 1 | 2 | 3 | 4 | undefined;
  /**
   * When `true`, calculates the total of all the lead interest status update events instead of only the first occurrence for each contact. This will affect the following fields: `total_opportunities`, `total_interested`, `total_meeting_booked`, `total_meeting_completed`, and `total_closed`. Example: if a lead goes from interested to meeting booked to closed, it will count as 3 events (total_interested: 1, total_meeting_booked_1, and total_closed: 1) when this parameter is set to true, and as 1 event (total_interested) when it is set to false (default).
   */
  expand_crm_events?: boolean | undefined;
}
