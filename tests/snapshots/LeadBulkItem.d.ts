/**
 * One lead of `POST /leads/add`. In campaign mode it needs an `email`; in list mode one of
 * `email`, `first_name` or `last_name`.
 */
export interface LeadBulkItem {
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
}
