/**
 * When a campaign sends: an optional date range and one or more weekly windows.
 */
export interface CampaignSchedule {
    /**
     * First day to send, `YYYY-MM-DD` in the campaign's time zone.
     */
    start_date?: string;
    /**
     * Last day to send, `YYYY-MM-DD`.
     */
    end_date?: string;
    /**
     * Weekly sending windows (at least one).
     */
    schedules: Schedule[];
}
