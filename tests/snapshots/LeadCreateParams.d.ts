/**
 * Body of `POST /leads` (one lead). Use `campaign` (not `campaign_id`) or `list_id`.
 * With `campaign`, `email` is required; otherwise one of `email`, `first_name` or
 * `last_name` is.
 */
export interface LeadCreateParams {
    /**
     * Email address (validated locally).
     */
    email?: string;
    /**
     * First name.
     */
    first_name?: string;
    /**
     * Last name.
     */
    last_name?: string;
    /**
     * Company name.
     */
    company_name?: string;
    /**
     * Job title.
     */
    job_title?: string;
    /**
     * Phone number.
     */
    phone?: string;
    /**
     * Website.
     */
    website?: string;
    /**
     * Personalization line.
     */
    personalization?: string;
    /**
     * Interest status (see `LeadInterestStatus`; custom label numbers work too).
     */
    lt_interest_status?: number;
    /**
     * Potential value of the lead (a string, e.g. `"High"`).
     */
    pl_value_lead?: string;
    /**
     * UUID of the user to assign the lead to.
     */
    assigned_to?: string;
    /**
     * Custom variables; values must be strings, numbers, booleans or `null` (no
     * objects or arrays). They end up in the lead's `payload`.
     */
    custom_variables?: Record<string, string | number | boolean | null>;
    /**
     * Campaign UUID to add the lead to. The wire name is `campaign`, unlike the bulk
     * routes' `campaign_id`.
     */
    campaign?: string;
    /**
     * Lead list UUID to add the lead to.
     */
    list_id?: string;
    /**
     * Skip if the lead is anywhere in the workspace.
     */
    skip_if_in_workspace?: boolean;
    /**
     * Skip if the lead is already in the campaign.
     */
    skip_if_in_campaign?: boolean;
    /**
     * Skip if the lead is already in the list.
     */
    skip_if_in_list?: boolean;
    /**
     * Block list UUID to check the lead against.
     */
    blocklist_id?: string;
    /**
     * Verify the lead for the lead finder.
     */
    verify_leads_for_lead_finder?: boolean;
    /**
     * Verify the email address on import.
     */
    verify_leads_on_import?: boolean;
}
