/**
 * LeadLastStep
 */
export interface LeadLastStep {
  /**
   * `from`
   */
  from?: string;
  /**
   * `stepID`
   */
  stepID?: string;
  /**
   * `timestamp_executed`
   */
  timestamp_executed?: string;
}
