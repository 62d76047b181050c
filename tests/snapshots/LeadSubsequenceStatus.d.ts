/**
 * `Lead.status_summary_subseq`: the last subsequence step (camelCase on the wire).
 */
export interface LeadSubsequenceStatus {
    /**
     * Source (e.g. `campaign`).
     */
    from?: string;
    /**
     * Step UUID.
     */
    stepID?: string;
    /**
     * When it ran (ISO 8601).
     */
    timestampExecuted?: string;
}
