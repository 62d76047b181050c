/**
 * A smart-view query (`queries[]`): an activity type and its conditions.
 */
export interface LeadQuery {
    /**
     * The activity the query looks at.
     */
    actionType: "reply" | "email-open" | "last-contacted" | "link-click" | "lead-status" | "lead-status-change";
    /**
     * The conditions.
     */
    values: LeadQueryValues;
}
