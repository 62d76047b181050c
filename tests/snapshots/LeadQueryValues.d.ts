/**
 * `queries[].values` (kebab-case keys on the wire).
 */
export interface LeadQueryValues {
    /**
     * Within the last N days.
     */
    "occurrence-days"?: number;
    /**
     * How many times.
     */
    "occurrence-count"?: LeadQueryCount;
    /**
     * Which lead status.
     */
    "lead-status"?: LeadQueryStatus;
}
