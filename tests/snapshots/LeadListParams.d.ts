/**
 * Body of `POST /leads/list`. A POST that reads: `limit` and the cursor go in the body.
 */
export interface LeadListParams {
    /**
     * Search first name, last name or email.
     */
    search?: string;
    /**
     * A status filter (see `LeadFilter`).
     */
    filter?: LeadFilter;
    /**
     * Campaign UUID. The wire name is `campaign`, not `campaign_id`.
     */
    campaign?: string;
    /**
     * Lead list UUID.
     */
    list_id?: string;
    /**
     * Only leads that are (true) or are not (false) in a campaign.
     */
    in_campaign?: boolean;
    /**
     * Only leads that are (true) or are not (false) in a list.
     */
    in_list?: boolean;
    /**
     * Only these lead UUIDs.
     */
    ids?: string[];
    /**
     * Never these lead UUIDs.
     */
    excluded_ids?: string[];
    /**
     * Only leads with these emails.
     */
    contacts?: string[];
    /**
     * Smart-view queries.
     */
    queries?: LeadQuery[];
    /**
     * Email security gateway: `"0"`–`"4"`, `"all"` or `"none"`.
     */
    esg_code?: "0" | "1" | "2" | "3" | "4" | "all" | "none";
    /**
     * Page size, 1–100.
     */
    limit?: number;
    /**
     * Cursor: the previous page's `next_starting_after` (a lead id, or an email with
     * `distinct_contacts`).
     */
    starting_after?: string;
    /**
     * Only leads of these workspace users.
     */
    organization_user_ids?: string[];
    /**
     * Smart view UUID.
     */
    smart_view_id?: string;
    /**
     * Only website visitors (or only others).
     */
    is_website_visitor?: boolean;
    /**
     * One lead per email (the cursor is then an email).
     */
    distinct_contacts?: boolean;
    /**
     * Enrichment status: 1, 11, -1 or -2.
     */
    enrichment_status?: number;
}
