/**
 * The `POST /leads/add` counts, summed over every chunk answer.
 */
export interface ImportServerCounts {
    /**
     * `leads_uploaded`: created.
     */
    uploaded: number;
    /**
     * `duplicated_leads`: already in the target campaign or list.
     */
    duplicated: number;
    /**
     * `invalid_email_count`.
     */
    invalid_email: number;
    /**
     * `in_blocklist`.
     */
    in_blocklist: number;
    /**
     * `skipped_count`: skipped by a `skip_if_*` flag.
     */
    skipped: number;
    /**
     * `incomplete_count` (lists only).
     */
    incomplete: number;
    /**
     * `duplicate_email_count`: repeated within one request (the importer drops in-batch
     * duplicates first, so normally 0).
     */
    duplicate_email: number;
    /**
     * `remaining_in_plan` of the last answer (campaign imports only).
     */
    remaining_in_plan?: number;
}
