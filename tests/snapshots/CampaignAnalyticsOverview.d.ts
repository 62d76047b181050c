/**
 * Aggregate analytics over the selected campaigns (`GET /campaigns/analytics/overview`).
 * Every field is optional on the wire. The JS object also carries the client-computed
 * `AnalyticsRates` (in Rust: the `Rates` trait).
 */
export interface CampaignAnalyticsOverview {
    /**
     * Opens, duplicates included.
     */
    open_count?: number;
    /**
     * Emails opened (first open only).
     */
    open_count_unique?: number;
    /**
     * Unique opens per lead, step and campaign.
     */
    open_count_unique_by_step?: number;
    /**
     * Link clicks.
     */
    link_click_count?: number;
    /**
     * Link clicks (first time).
     */
    link_click_count_unique?: number;
    /**
     * Unique clicks per lead, step and campaign.
     */
    link_click_count_unique_by_step?: number;
    /**
     * Replies, each reply counted.
     */
    reply_count?: number;
    /**
     * Unique replies (automatic replies excluded).
     */
    reply_count_unique?: number;
    /**
     * Unique replies per step.
     */
    reply_count_unique_by_step?: number;
    /**
     * Automatic replies (e.g. out of office).
     */
    reply_count_automatic?: number;
    /**
     * Leads that sent automatic replies.
     */
    reply_count_automatic_unique?: number;
    /**
     * Unique automatic replies per step.
     */
    reply_count_automatic_unique_by_step?: number;
    /**
     * Bounced leads.
     */
    bounced_count?: number;
    /**
     * Unsubscribed leads.
     */
    unsubscribed_count?: number;
    /**
     * Leads the campaigns completed for.
     */
    completed_count?: number;
    /**
     * Emails sent.
     */
    emails_sent_count?: number;
    /**
     * Unique leads contacted.
     */
    contacted_count?: number;
    /**
     * New leads contacted.
     */
    new_leads_contacted_count?: number;
    /**
     * Unique opportunities.
     */
    total_opportunities?: number;
    /**
     * Total value of the opportunities.
     */
    total_opportunity_value?: number;
    /**
     * Interested opportunities.
     */
    total_interested?: number;
    /**
     * Meeting-booked opportunities.
     */
    total_meeting_booked?: number;
    /**
     * Meeting-completed opportunities.
     */
    total_meeting_completed?: number;
    /**
     * Closed (won) opportunities.
     */
    total_closed?: number;
}
