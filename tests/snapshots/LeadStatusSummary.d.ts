/**
 * `Lead.status_summary`: the last step executed for the lead.
 */
export interface LeadStatusSummary {
    /**
     * The last step.
     */
    lastStep?: LeadLastStep;
    /**
     * Whether the whole company domain is done.
     */
    domain_complete?: boolean;
}
