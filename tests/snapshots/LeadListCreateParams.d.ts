/**
 * Body of `POST /lead-lists`.
 */
export interface LeadListCreateParams {
    /**
     * Name (required).
     */
    name: string;
    /**
     * Enrich every added lead.
     */
    has_enrichment_task?: boolean;
    /**
     * Owner user UUID (default: the caller).
     */
    owned_by?: string;
}
