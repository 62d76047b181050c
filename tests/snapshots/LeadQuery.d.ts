/**
 * Smart view query to filter leads
 */
export interface LeadQuery {
  /**
   * `actionType`
   */
  actionType: "reply" | "email-open" | "last-contacted" | "link-click" | "lead-status" | "lead-status-change";
  /**
   * `values`
   */
  values: LeadBulkAssignParamsQueriesItemValues;
}
