/**
 * One day of `GET /campaigns/analytics/daily`.
 */
export interface DailyAnalytics {
    /**
     * The day, `YYYY-MM-DD`.
     */
    date?: string;
    /**
     * Emails sent.
     */
    sent?: number;
    /**
     * Unique contacts emailed that day.
     */
    contacted?: number;
    /**
     * New leads contacted that day.
     */
    new_leads_contacted?: number;
    /**
     * Opens.
     */
    opened?: number;
    /**
     * Unique opens.
     */
    unique_opened?: number;
    /**
     * Replies.
     */
    replies?: number;
    /**
     * Unique replies.
     */
    unique_replies?: number;
    /**
     * Automatic replies.
     */
    replies_automatic?: number;
    /**
     * Unique automatic replies.
     */
    unique_replies_automatic?: number;
    /**
     * Link clicks.
     */
    clicks?: number;
    /**
     * Leads that clicked (each lead once).
     */
    unique_clicks?: number;
    /**
     * Opportunities created that day.
     */
    opportunities?: number;
    /**
     * Opportunities from unique leads.
     */
    unique_opportunities?: number;
}
