/**
 * Parameters of `GET /background-jobs/{id}`: query parameters and body fields under their wire names.
 */
export interface BackgroundJobGetParams {
  /**
   * Comma-separated list of fields to include from the `data` object (e.g., "success_count,failed_count" or "moved_lead_emails,moved_leads"). For `move-leads` jobs, `moved_lead_emails` is capped at 10,000 entries.
   */
  data_fields?: string | undefined;
}
