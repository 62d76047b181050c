/**
 * Body of `POST /leads/add`: 1–1000 leads into exactly one of `campaign_id` or `list_id`.
 */
export interface LeadBulkAddParams {
    /**
     * The leads (1–1000).
     */
    leads: LeadBulkItem[];
    /**
     * Campaign UUID (note: `campaign_id` here, unlike `POST /leads`). Exactly one of
     * `campaign_id` or `list_id`.
     */
    campaign_id?: string;
    /**
     * Lead list UUID. Exactly one of `campaign_id` or `list_id`.
     */
    list_id?: string;
    /**
     * Block list UUID to check against (default: the workspace's).
     */
    blocklist_id?: string;
    /**
     * Assign every imported lead to this user UUID.
     */
    assigned_to?: string;
    /**
     * Start a background job verifying the imported emails.
     */
    verify_leads_on_import?: boolean;
    /**
     * Skip leads that exist anywhere in the workspace (overrides the other skip flags).
     */
    skip_if_in_workspace?: boolean;
    /**
     * Skip leads that are in any campaign.
     */
    skip_if_in_campaign?: boolean;
    /**
     * Skip leads that are in any list.
     */
    skip_if_in_list?: boolean;
}
