/**
 * Status summary of the lead
 */
export interface LeadStatusSummary {
  /**
   * `lastStep`
   */
  lastStep?: LeadLastStep;
  /**
   * `domain_complete`
   */
  domain_complete?: boolean;
}
