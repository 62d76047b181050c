/**
 * Body of `POST /leads/move`: selects leads like `leads.list` and moves (or copies) them
 * to exactly one of `to_campaign_id` or `to_list_id`. Runs as a background job.
 */
export interface LeadMoveParams {
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
     * Destination campaign UUID (exactly one destination).
     */
    to_campaign_id?: string;
    /**
     * Destination list UUID (exactly one destination).
     */
    to_list_id?: string;
    /**
     * At most this many leads (≥ 1).
     */
    limit?: number;
    /**
     * Assign the moved leads to this user UUID.
     */
    assigned_to?: string;
    /**
     * Only leads with this email provider code (see `Lead.esp_code`).
     */
    esp_code?: number;
    /**
     * Copy instead of move.
     */
    copy_leads?: boolean;
    /**
     * Skip leads already in the destination.
     */
    check_duplicates?: boolean;
    /**
     * Skip leads already in any campaign.
     */
    check_duplicates_in_campaigns?: boolean;
    /**
     * Skip leads being verified.
     */
    skip_leads_in_verification?: boolean;
    /**
     * Reset the interest status (otherwise kept; campaign-to-campaign moves then carry
     * opportunities along).
     */
    reset_interest_status?: boolean;
    /**
     * Ignore the source's saved lead-finder clauses.
     */
    ignore_resource_filter_clauses?: boolean;
}
