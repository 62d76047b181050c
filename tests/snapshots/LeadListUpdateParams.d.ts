/**
 * Body of `PATCH /lead-lists/{id}`: at least one field; `null` clears a nullable field.
 * In Rust, `None` leaves a field alone and `Some(None)` clears it.
 */
export interface LeadListUpdateParams {
    /**
     * New name.
     */
    name?: string;
    /**
     * Enrich every added lead (`null` clears the setting).
     */
    has_enrichment_task?: boolean | null;
    /**
     * Owner user UUID (`null` clears it).
     */
    owned_by?: string | null;
}
