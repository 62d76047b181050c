/**
 * The data options of `leads.import` (JS passes `signal` and `onProgress` next to them):
 * exactly one of `campaign_id` or `list_id`, the `POST /leads/add` options applied to every
 * chunk, and how the import runs.
 */
export interface LeadImportSettings {
    /**
     * Campaign UUID to import into. Exactly one of `campaign_id` or `list_id`.
     */
    campaign_id?: string | undefined;
    /**
     * Lead list UUID to import into. Exactly one of `campaign_id` or `list_id`.
     */
    list_id?: string | undefined;
    /**
     * Block list UUID to check against (default: the workspace's).
     */
    blocklist_id?: string | undefined;
    /**
     * Assign every imported lead to this user UUID.
     */
    assigned_to?: string | undefined;
    /**
     * Start a background job verifying the imported emails.
     */
    verify_leads_on_import?: boolean | undefined;
    /**
     * Skip leads that exist anywhere in the workspace.
     */
    skip_if_in_workspace?: boolean | undefined;
    /**
     * Skip leads that are in any campaign.
     */
    skip_if_in_campaign?: boolean | undefined;
    /**
     * Skip leads that are in any list.
     */
    skip_if_in_list?: boolean | undefined;
    /**
     * Chunks in flight at once (default 4, 1–16). Every request still waits for rate-limit
     * budget.
     */
    concurrency?: number | undefined;
    /**
     * Leads per `POST /leads/add` (default and maximum 1000).
     */
    chunkSize?: number | undefined;
    /**
     * Attempts per chunk after failures the server may have processed (timeouts, dropped
     * connections, 5xx, unreadable answers) or rate limiting (default 4, 1–10).
     */
    maxAttempts?: number | undefined;
    /**
     * `"full"` (default): the report lists every row under `created` and `not_created`.
     * `"summary"`: those two lists stay empty and only `counts` grows, so memory does not grow
     * with the input (for streams of any length); `rejected` and `failed` are always listed.
     * A summary import refuses a repeated email within a chunk; a repeat in a later chunk is
     * sent, and the API answers it as not created (it never adds a lead twice to its target).
     */
    report?: "full" | "summary" | undefined;
    /**
     * A checkpoint from an earlier run over the same input (its last progress event, or its
     * report): rows it accounts for are skipped; rows it was sending are sent again (the API
     * does not re-add a lead already in the target), except rows without an email, which are
     * reported `failed` with `maybe_created` instead.
     */
    resumeFrom?: ImportCheckpoint | undefined;
    /**
     * How to read a stream of CSV text (strings or bytes): `parseLeadsCsv`'s options.
     */
    csv?: CsvOptions | undefined;
}
