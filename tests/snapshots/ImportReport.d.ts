/**
 * The outcome of `leads.import`: every input index appears exactly once across `created`,
 * `rejected`, `not_created` and `failed` (each sorted by index).
 */
export interface ImportReport {
    /**
     * Number of input rows.
     */
    total: number;
    /**
     * Rows the API created, with the new lead's id.
     */
    created: ImportCreated[];
    /**
     * Rows never sent: they failed local validation or repeat an earlier row's email.
     */
    rejected: ImportRejected[];
    /**
     * Rows the API took but did not create (already in the target, skipped by a `skip_if_*`
     * flag, blocked, invalid…); `server_counts` says why in aggregate.
     */
    not_created: ImportNotCreated[];
    /**
     * Rows whose chunk failed for good (or was not sent because the import was aborted).
     */
    failed: ImportFailed[];
    /**
     * The API's counts, summed over every chunk answer.
     */
    server_counts: ImportServerCounts;
    /**
     * `POST /leads/add` requests that got an answer or an error (re-sends included).
     */
    requests: number;
    /**
     * Chunks re-sent after a failure the server may have processed.
     */
    resent_chunks: number;
    /**
     * How many rows ended where (kept in both report modes).
     */
    counts: ImportCounts;
    /**
     * Where the import ended: `next` is `total` when every row is accounted for.
     */
    checkpoint: ImportCheckpoint;
    /**
     * Why the import stopped before reading its whole input (an abort, a throwing
     * `onProgress`, a source that failed); rows not read are in no list, `checkpoint` says
     * where to resume.
     */
    interrupted?: ImportError;
}
