/**
 * Body of `POST /campaigns`. A new campaign is a Draft (status 0) until activated.
 */
export interface CampaignCreateParams {
    /**
     * Campaign name (required).
     */
    name: string;
    /**
     * Sending schedule (required).
     */
    campaign_schedule: CampaignSchedule;
    /**
     * AI SDR UUID.
     */
    ai_sdr_id?: string;
    /**
     * Value of each positive lead.
     */
    pl_value?: number;
    /**
     * Keep sending to new leads forever.
     */
    is_evergreen?: boolean;
    /**
     * The email copy; only `sequences[0]` is used.
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
     * Plain text only.
     */
    text_only?: boolean;
    /**
     * First email as plain text.
     */
    first_email_text_only?: boolean;
    /**
     * Sending account emails (on update this replaces the list).
     */
    email_list?: string[];
    /**
     * Daily sending limit.
     */
    daily_limit?: number;
    /**
     * Stop on reply.
     */
    stop_on_reply?: boolean;
    /**
     * Account tag UUIDs.
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
     * Stop on auto-reply.
     */
    stop_on_auto_reply?: boolean;
    /**
     * Maximum new leads per day (≥ 0).
     */
    daily_max_leads?: number;
    /**
     * New leads first.
     */
    prioritize_new_leads?: boolean;
    /**
     * `{ trigger: "reply_rate" | "click_rate" | "open_rate" }`.
     */
    auto_variant_select?: { trigger: "reply_rate" | "click_rate" | "open_rate" };
    /**
     * Match the lead's email provider.
     */
    match_lead_esp?: boolean;
    /**
     * Stop for the company on reply.
     */
    stop_for_company?: boolean;
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
     * `{ mode: "custom" | "disabled", daily_limit?: number, scope?: "per_campaign" | "across_workspace" }`.
     */
    limit_emails_per_company_override?: { mode: "custom" | "disabled"; daily_limit?: number; scope?: "per_campaign" | "across_workspace" };
    /**
     * CC addresses.
     */
    cc_list?: string[];
    /**
     * BCC addresses.
     */
    bcc_list?: string[];
    /**
     * Owner user UUID.
     */
    owned_by?: string;
    /**
     * Provider routing rules: `{ action: "send" | "do_not_send", recipient_esp: string[], sender_esp: string[] }`.
     */
    provider_routing_rules?: Array<{ action: "send" | "do_not_send"; recipient_esp: string[]; sender_esp: string[] }>;
}
