/**
 * A lead list.
 */
export interface LeadList {
    /**
     * UUID.
     */
    id: string;
    /**
     * Workspace (organization) UUID.
     */
    organization_id: string;
    /**
     * Name.
     */
    name: string;
    /**
     * Creation time (ISO 8601).
     */
    timestamp_created: string;
    /**
     * Whether every added lead is enriched.
     */
    has_enrichment_task?: boolean;
    /**
     * Owner user UUID.
     */
    owned_by?: string;
}
