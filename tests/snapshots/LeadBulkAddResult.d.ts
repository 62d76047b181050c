/**
 * Answer of `POST /leads/add`: what happened to the leads sent, as counts.
 */
export interface LeadBulkAddResult {
    /**
     * `"success"` when the request was processed.
     */
    status: string;
    /**
     * Leads in the request.
     */
    total_sent: number;
    /**
     * Leads created.
     */
    leads_uploaded: number;
    /**
     * Skipped: on the block list.
     */
    in_blocklist: number;
    /**
     * The block list checked.
     */
    blocklist_used?: string;
    /**
     * Skipped: already in this campaign or list.
     */
    duplicated_leads: number;
    /**
     * Skipped by the `skip_if_in_*` flags.
     */
    skipped_count: number;
    /**
     * Skipped: invalid or missing email.
     */
    invalid_email_count: number;
    /**
     * Skipped: no email and no name (lists only).
     */
    incomplete_count: number;
    /**
     * Skipped: the email appeared twice in the request.
     */
    duplicate_email_count: number;
    /**
     * Lead uploads left in the plan (campaign mode only).
     */
    remaining_in_plan?: number;
    /**
     * The leads created, with their index in the request.
     */
    created_leads: CreatedLead[];
}
