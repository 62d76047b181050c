/**
 * A row rejected before sending.
 */
export interface ImportRejected {
    /**
     * Index in the input.
     */
    index: number;
    /**
     * Why, e.g. `email: "x" is not a valid email address` or `same email as leads[3]
     * (compared ignoring case)`.
     */
    reason: string;
    /**
     * The offending field, when one is to blame.
     */
    field?: string;
}
