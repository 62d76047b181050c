/**
 * A lead (`GET /leads/{id}` and every lead write).
 *
 * Numeric codes stay open integers: see `LeadStatus`, `LeadInterestStatus` (custom labels use
 * their own numbers), and the verification/enrichment/ESP codes documented per field.
 */
export interface Lead {
    /**
     * UUID.
     */
    id: string;
    /**
     * Creation time (ISO 8601).
     */
    timestamp_created: string;
    /**
     * Last update time (ISO 8601).
     */
    timestamp_updated: string;
    /**
     * Workspace (organization) UUID.
     */
    organization: string;
    /**
     * Status: 1 Active, 2 Paused, 3 Completed, -1 Bounced, -2 Unsubscribed, -3 Skipped
     * (see `LeadStatus`).
     */
    status: number;
    /**
     * Times the lead opened an email.
     */
    email_open_count: number;
    /**
     * Times the lead replied.
     */
    email_reply_count: number;
    /**
     * Times the lead clicked a link.
     */
    email_click_count: number;
    /**
     * Domain of the lead's company. Required by the spec; optional here so that a lead
     * without it still decodes.
     */
    company_domain?: string;
    /**
     * Where the lead is in its sequence. Required by the spec; optional here so that a lead
     * without it still decodes.
     */
    status_summary?: LeadStatusSummary;
    /**
     * Campaign UUID (`null` when the lead is only in a list).
     */
    campaign?: string;
    /**
     * Lead list UUID.
     */
    list_id?: string;
    /**
     * Email address.
     */
    email?: string;
    /**
     * Personalization line.
     */
    personalization?: string;
    /**
     * Website.
     */
    website?: string;
    /**
     * Last name.
     */
    last_name?: string;
    /**
     * First name.
     */
    first_name?: string;
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
     * Custom variables (the API's name for them on a lead). Values are strings, numbers,
     * booleans or `null`.
     */
    payload?: Record<string, unknown>;
    /**
     * Subsequence progress.
     */
    status_summary_subseq?: LeadSubsequenceStatus;
    /**
     * Source of the last step (e.g. `campaign`).
     */
    last_step_from?: string;
    /**
     * UUID of the last step.
     */
    last_step_id?: string;
    /**
     * When the last step ran (ISO 8601).
     */
    last_step_timestamp_executed?: string;
    /**
     * Last step the lead opened.
     */
    email_opened_step?: number;
    /**
     * Variant of the last step opened.
     */
    email_opened_variant?: number;
    /**
     * Last step the lead replied to.
     */
    email_replied_step?: number;
    /**
     * Variant of the last step replied to.
     */
    email_replied_variant?: number;
    /**
     * Last step the lead clicked.
     */
    email_clicked_step?: number;
    /**
     * Variant of the last step clicked.
     */
    email_clicked_variant?: number;
    /**
     * Interest status (see `LeadInterestStatus`; custom labels have their own numbers);
     * absent or `null` for a plain "Lead".
     */
    lt_interest_status?: number;
    /**
     * Subsequence UUID.
     */
    subsequence_id?: string;
    /**
     * Verification: 1 Verified, 11 Pending, 12 Pending Verification Job, -1 Invalid,
     * -2 Risky, -3 Catch All, -4 Job Change.
     */
    verification_status?: number;
    /**
     * Potential value of the lead (a string, e.g. `"High"`).
     */
    pl_value_lead?: string;
    /**
     * When the lead was added to the subsequence.
     */
    timestamp_added_subsequence?: string;
    /**
     * Last contact time.
     */
    timestamp_last_contact?: string;
    /**
     * Last open time.
     */
    timestamp_last_open?: string;
    /**
     * Last reply time.
     */
    timestamp_last_reply?: string;
    /**
     * Last interest status change time.
     */
    timestamp_last_interest_change?: string;
    /**
     * Last click time.
     */
    timestamp_last_click?: string;
    /**
     * Last touch time.
     */
    timestamp_last_touch?: string;
    /**
     * Enrichment: 1 Enriched, 11 Pending, -1 not available, -2 Error.
     */
    enrichment_status?: number;
    /**
     * Source of the last contact (e.g. `email`).
     */
    last_contacted_from?: string;
    /**
     * UUID of the user who uploaded the lead.
     */
    uploaded_by_user?: string;
    /**
     * `manual`, `api` or `website-visitor`.
     */
    upload_method?: string;
    /**
     * UUID of the assigned user.
     */
    assigned_to?: string;
    /**
     * Whether the lead is a website visitor.
     */
    is_website_visitor?: boolean;
    /**
     * Email provider: 0 In Queue, 1 Google, 2 Microsoft, 3 Zoho, 8 AirMail, 9 Yahoo,
     * 10 Yandex, 12 Web.de, 13 Libero.it, 999 Other, 1000 Not Found.
     */
    esp_code?: number;
    /**
     * Email security gateway: 0 In Queue, 1 Barracuda, 2 Mimecast, 3 Proofpoint, 4 Cisco.
     */
    esg_code?: number;
}
