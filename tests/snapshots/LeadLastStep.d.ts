/**
 * `Lead.status_summary.lastStep`.
 */
export interface LeadLastStep {
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
    timestamp_executed?: string;
}
