/**
 * One campaign's analytics (an item of `GET /campaigns/analytics`). The API sends counts only;
 * the JS objects also carry `open_rate`, `reply_rate`, `click_rate` and `bounce_rate`
 * (`AnalyticsRates`), computed by this client (in Rust: the `Rates` trait).
 */
export interface CampaignAnalytics {
    /**
     * Campaign name.
     */
    campaign_name: string;
    /**
     * Campaign UUID.
     */
    campaign_id: string;
    /**
     * Campaign status (see `CampaignStatus`).
     */
    campaign_status: number;
    /**
     * Whether the campaign is evergreen.
     */
    campaign_is_evergreen: boolean;
    /**
     * Leads in the campaign.
     */
    leads_count: number;
    /**
     * Leads whose sequence has started.
     */
    contacted_count: number;
    /**
     * Emails sent.
     */
    emails_sent_count: number;
    /**
     * New leads contacted.
     */
    new_leads_contacted_count: number;
    /**
     * Leads that opened at least one email.
     */
    open_count: number;
    /**
     * Replies, each reply counted.
     */
    reply_count: number;
    /**
     * Link clicks.
     */
    link_click_count: number;
    /**
     * Bounced leads.
     */
    bounced_count: number;
    /**
     * Unsubscribed leads.
     */
    unsubscribed_count: number;
    /**
     * Leads the campaign completed for.
     */
    completed_count: number;
    /**
     * Unique opportunities.
     */
    total_opportunities: number;
    /**
     * Total value of the opportunities.
     */
    total_opportunity_value: number;
    /**
     * Unique opens (first open per lead).
     */
    open_count_unique?: number;
    /**
     * Unique opens per step.
     */
    open_count_unique_by_step?: number;
    /**
     * Unique replies (first per lead, automatic replies excluded).
     */
    reply_count_unique?: number;
    /**
     * Unique replies per step.
     */
    reply_count_unique_by_step?: number;
    /**
     * Automatic replies.
     */
    reply_count_automatic?: number;
    /**
     * Unique automatic replies.
     */
    reply_count_automatic_unique?: number;
    /**
     * Unique automatic replies per step.
     */
    reply_count_automatic_unique_by_step?: number;
    /**
     * Unique link clicks (first per lead).
     */
    link_click_count_unique?: number;
    /**
     * Unique link clicks per step.
     */
    link_click_count_unique_by_step?: number;
}
