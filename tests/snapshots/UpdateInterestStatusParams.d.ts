/**
 * Body of `POST /leads/update-interest-status`. `interest_value` is required: a number (see
 * `LeadInterestStatus`, or a custom label's number) or `null` to reset the lead to "Lead".
 * The change is applied by a background job; the call answers 202.
 */
export interface UpdateInterestStatusParams {
    /**
     * The lead's email (required, validated).
     */
    lead_email: string;
    /**
     * The new interest status, or `null` (Rust: `None`) to reset to plain "Lead". Always sent.
     */
    interest_value: number | null;
    /**
     * Limit the change to the lead in this campaign (`campaign_id` on this route).
     */
    campaign_id?: string;
    /**
     * Limit the change to the lead in this list.
     */
    list_id?: string;
    /**
     * The AI interest value to record.
     */
    ai_interest_value?: number;
    /**
     * Stop automatic interest detection for the lead.
     */
    disable_auto_interest?: boolean;
}
