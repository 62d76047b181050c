/**
 * `occurrence-count`: more/less/equal than `count`.
 */
export interface LeadQueryCount {
    /**
     * Comparison.
     */
    condition?: "more" | "less" | "equal";
    /**
     * The count.
     */
    count?: number;
}
