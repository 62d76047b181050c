/**
 * Body of `PATCH /leads/{id}`: only the fields set are changed (at least one). A field set to
 * `null` is cleared (e.g. `lt_interest_status: null` resets the lead to plain "Lead"); an
 * absent field is left alone. Email, campaign and list cannot be changed here.
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
     * Interest status (see `LeadInterestStatus`); `null` resets the lead to plain "Lead".
     */
    lt_interest_status?: number | null;
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
