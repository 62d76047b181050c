/**
 * A row rejected before sending.
 */
export interface ImportRejected {
    /**
     * Index in the input.
     */
    index: number;
    /**
     * Why, e.g. `email: not a valid email address` or `duplicate of row 3 (same email)`.
     */
    reason: string;
    /**
     * The offending field, when one is to blame.
     */
    field?: string;
}
