/**
 * `lead-status`: the status is / is not `status`.
 */
export interface LeadQueryStatus {
    /**
     * A lead status number.
     */
    status?: number;
    /**
     * `is` or `is-not`.
     */
    condition?: "is" | "is-not";
}
