/**
 * One created lead of a bulk add.
 */
export interface CreatedLead {
    /**
     * Index of the lead in the request's `leads` (the key for leads without an email).
     */
    index: number;
    /**
     * The new lead's UUID.
     */
    id: string;
    /**
     * Email.
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
     * Phone.
     */
    phone?: string;
}
