/**
 * A background job that can be used to perform long-running tasks
 */
export interface BackgroundJob {
  /**
   * Unique identifier for the background job
   */
  id: string;
  /**
   * Workspace ID
   */
  workspace_id: string;
  /**
   * The id of the user that triggered the action that created the job
   */
  user_id?: string | null;
  /**
   * Type of background job
   */
  type: "move-leads" | "import-leads" | "export-leads" | "update-warmup-accounts" | "rename-variable" | "broadcast-ai-generate" | "broadcast-website-scrape" | "import-subscribers-from-crm" | "resync-subscriber-crm-tags" | (string & {});
  /**
   * The id of the entity that the job is related to
   */
  entity_id?: string | null;
  /**
   * Type of entity
   */
  entity_type?: "list" | "campaign" | "workspace" | "broadcast" | "subscriber-group-sync" | "subscriber-group" | (string & {});
  /**
   * Data about the job, used to store any additional information we need to process the job
   */
  data?: BackgroundJobData;
  /**
   * Progress of the job as a percentage (from 0 to 100)
   */
  progress: number;
  /**
   * Job status
   */
  status: "pending" | "in-progress" | "success" | "failed" | "draining" | "paused" | "cancelled" | (string & {});
  /**
   * Timestamp when the job was created
   */
  created_at: string;
  /**
   * Timestamp when the job was last updated
   */
  updated_at: string;
}
