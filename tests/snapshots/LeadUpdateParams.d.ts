/**
 * Body of `PATCH /leads/{id}`: only the fields set are changed (at least one). A contact field,
 * `pl_value_lead` or `assigned_to` set to `null` is cleared; an absent (or `undefined`) field is
 * left alone. Email, campaign and list cannot be changed here, and the interest status cannot
 * be cleared here (the spec types it as a number): use `leads.updateInterestStatus`.
 *
 * In Rust, `None` leaves a field alone, `Some(None)` clears it, `Some(Some(v))` sets it.
 */
export interface LeadUpdateParams {
    /**
     * First name (`null` clears it).
     */
    first_name?: string | null;
    /**
     * Last name (`null` clears it).
     */
    last_name?: string | null;
    /**
     * Company name (`null` clears it).
     */
    company_name?: string | null;
    /**
     * Job title (`null` clears it).
     */
    job_title?: string | null;
    /**
     * Phone number (`null` clears it).
     */
    phone?: string | null;
    /**
     * Website (`null` clears it).
     */
    website?: string | null;
    /**
     * Personalization line (`null` clears it).
     */
    personalization?: string | null;
    /**
     * Interest status (see `LeadInterestStatus`; custom label numbers work too). A number
     * only: this route does not accept `null` (it is rejected locally); to reset a lead to
     * plain "Lead" use `leads.updateInterestStatus({ lead_email, interest_value: null })`.
     * In Rust, `Some(None)` is that rejected `null`.
     */
    lt_interest_status?: number;
    /**
     * Potential value (`null` clears it).
     */
    pl_value_lead?: string | null;
    /**
     * Assigned user UUID (`null` unassigns).
     */
    assigned_to?: string | null;
    /**
     * Custom variables to set; values must be strings, numbers, booleans or `null`.
     */
    custom_variables?: Record<string, string | number | boolean | null>;
}
