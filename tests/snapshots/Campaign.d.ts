/**
 * A campaign (`GET /campaigns/{id}` and every campaign write).
 */
export interface Campaign {
    /**
     * UUID.
     */
    id: string;
    /**
     * Name.
     */
    name: string;
    /**
     * Status code: see `CampaignStatus` (0 Draft, 1 Active, 2 Paused, 3 Completed, …).
     */
    status: number;
    /**
     * Sending schedule.
     */
    campaign_schedule: CampaignSchedule;
    /**
     * Creation time (ISO 8601).
     */
    timestamp_created: string;
    /**
     * Last update time (ISO 8601).
     */
    timestamp_updated: string;
    /**
     * Value of each positive lead.
     */
    pl_value?: number;
    /**
     * Whether the campaign keeps sending to new leads forever.
     */
    is_evergreen?: boolean;
    /**
     * The email copy (only the first sequence is used).
     */
    sequences?: Sequence[];
    /**
     * Gap between emails, minutes.
     */
    email_gap?: number;
    /**
     * Maximum random extra wait, minutes.
     */
    random_wait_max?: number;
    /**
     * Send plain text only.
     */
    text_only?: boolean;
    /**
     * Send the first email as plain text.
     */
    first_email_text_only?: boolean;
    /**
     * Sending account emails.
     */
    email_list?: string[];
    /**
     * Daily sending limit.
     */
    daily_limit?: number;
    /**
     * Stop the sequence when a lead replies.
     */
    stop_on_reply?: boolean;
    /**
     * Account tag UUIDs used for sending.
     */
    email_tag_list?: string[];
    /**
     * Track link clicks.
     */
    link_tracking?: boolean;
    /**
     * Track opens.
     */
    open_tracking?: boolean;
    /**
     * Stop on auto-replies.
     */
    stop_on_auto_reply?: boolean;
    /**
     * Maximum new leads contacted per day.
     */
    daily_max_leads?: number;
    /**
     * Contact new leads before follow-ups.
     */
    prioritize_new_leads?: boolean;
    /**
     * Automatic variant selection settings (`{trigger}`).
     */
    auto_variant_select?: Record<string, unknown>;
    /**
     * Match the lead's email provider.
     */
    match_lead_esp?: boolean;
    /**
     * Why the campaign is not sending: 1 outside schedule, 2 waiting for lead, 3 daily limit,
     * 4 all accounts at limit, 99 error.
     */
    not_sending_status?: number;
    /**
     * Stop for the whole company when one lead replies.
     */
    stop_for_company?: boolean;
    /**
     * Built-in variables (read-only).
     */
    core_variables?: Record<string, unknown>;
    /**
     * Custom variables (read-only).
     */
    custom_variables?: Record<string, unknown>;
    /**
     * Insert a List-Unsubscribe header.
     */
    insert_unsubscribe_header?: boolean;
    /**
     * Send to risky contacts.
     */
    allow_risky_contacts?: boolean;
    /**
     * Disable bounce protection.
     */
    disable_bounce_protect?: boolean;
    /**
     * Per-company email limit override.
     */
    limit_emails_per_company_override?: Record<string, unknown>;
    /**
     * CC addresses.
     */
    cc_list?: string[];
    /**
     * BCC addresses.
     */
    bcc_list?: string[];
    /**
     * Workspace (organization) UUID.
     */
    organization?: string;
    /**
     * Owner user UUID.
     */
    owned_by?: string;
    /**
     * AI SDR UUID.
     */
    ai_sdr_id?: string;
    /**
     * Provider routing rules.
     */
    provider_routing_rules?: Array<Record<string, unknown>>;
}
