/**
 * A background job. Poll it with `backgroundJobs.get(id)` until [`BackgroundJob::is_finished`].
 */
export interface BackgroundJob {
    /**
     * Job id: a 24-character hex string (not a UUID).
     */
    id: string;
    /**
     * Workspace UUID.
     */
    workspace_id: string;
    /**
     * UUID of the user whose action created the job.
     */
    user_id?: string;
    /**
     * Kind of job: `move-leads`, `import-leads`, `export-leads`, `update-warmup-accounts`,
     * `rename-variable`, … (an open set).
     */
    type: string;
    /**
     * UUID of the entity the job works on.
     */
    entity_id?: string;
    /**
     * Kind of entity: `list`, `campaign`, `workspace`, … (an open set).
     */
    entity_type?: string;
    /**
     * Job data, e.g. `moved_lead_emails` (first 10,000) and `moved_leads` for `move-leads`
     * jobs; choose keys with `data_fields`.
     */
    data?: Record<string, unknown>;
    /**
     * Progress, 0–100.
     */
    progress: number;
    /**
     * `pending`, `in-progress`, `success`, `failed`, `draining`, `paused` or `cancelled`
     * (kept as a string so that new values decode).
     */
    status: string;
    /**
     * Creation time (ISO 8601).
     */
    created_at: string;
    /**
     * Last update time (ISO 8601).
     */
    updated_at: string;
}
