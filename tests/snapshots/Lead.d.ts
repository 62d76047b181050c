/**
 * A lead entity representing an individual lead
 */
export interface Lead {
  /**
   * Unique identifier for the lead
   */
  id: string;
  /**
   * Timestamp when the lead was created
   */
  timestamp_created: string;
  /**
   * Timestamp when the lead was last updated
   */
  timestamp_updated: string;
  /**
   * Organization ID associated with the lead
   */
  organization: string;
  /**
   * Campaign ID associated with the lead
   */
  campaign?: string | null;
  /**
   * Status of the lead
   */
  status: number;
  /**
   * Email address of the lead
   */
  email?: string | null;
  /**
   * Personalization of the lead
   */
  personalization?: string | null;
  /**
   * Website of the lead
   */
  website?: string | null;
  /**
   * Last name of the lead
   */
  last_name?: string | null;
  /**
   * First name of the lead
   */
  first_name?: string | null;
  /**
   * Company name of the lead
   */
  company_name?: string | null;
  /**
   * Job title of the lead
   */
  job_title?: string | null;
  /**
   * Phone number of the lead
   */
  phone?: string | null;
  /**
   * Number of times the email was opened
   */
  email_open_count: number;
  /**
   * Number of times the email was replied to
   */
  email_reply_count: number;
  /**
   * Number of times the email was clicked
   */
  email_click_count: number;
  /**
   * Company domain of the lead
   */
  company_domain: string;
  /**
   * Status summary of the lead
   */
  status_summary?: LeadStatusSummary;
  /**
   * Lead custom variables. This object can contain any key, but the values have to be of type string, number, boolean, or null. We do NOT allow objects or arrays as values.
   */
  payload?: Record<string, unknown> | null;
  /**
   * Subsequence status summary of the lead
   */
  status_summary_subseq?: LeadStatusSummarySubseq;
  /**
   * Source of the last step
   */
  last_step_from?: string | null;
  /**
   * ID of the last step
   */
  last_step_id?: string | null;
  /**
   * Timestamp when the last step was executed
   */
  last_step_timestamp_executed?: string | null;
  /**
   * Last email step opened by the lead
   */
  email_opened_step?: number | null;
  /**
   * Last step variant opened by the lead
   */
  email_opened_variant?: number | null;
  /**
   * Last email step the lead has replied to
   */
  email_replied_step?: number | null;
  /**
   * Last step variant the lead has replied to
   */
  email_replied_variant?: number | null;
  /**
   * Last email step the lead has clicked
   */
  email_clicked_step?: number | null;
  /**
   * Last step variant the lead has clicked
   */
  email_clicked_variant?: number | null;
  /**
   * Lead interest status. It can be either a static value (check below), or a custom status interest value
   */
  lt_interest_status?: number;
  /**
   * ID of the subsequence
   */
  subsequence_id?: string | null;
  /**
   * Verification status of the lead
   */
  verification_status?: number;
  /**
   * Potential value of the lead
   */
  pl_value_lead?: string | null;
  /**
   * Timestamp when the lead was added to the subsequence
   */
  timestamp_added_subsequence?: string | null;
  /**
   * Timestamp of the last contact with the lead
   */
  timestamp_last_contact?: string | null;
  /**
   * Timestamp of the last email open
   */
  timestamp_last_open?: string | null;
  /**
   * Timestamp of the last email reply
   */
  timestamp_last_reply?: string | null;
  /**
   * Timestamp of the last interest status change
   */
  timestamp_last_interest_change?: string | null;
  /**
   * Timestamp of the last email click
   */
  timestamp_last_click?: string | null;
  /**
   * Enrichment status of the lead
   */
  enrichment_status?: number;
  /**
   * List ID associated with the lead
   */
  list_id?: string | null;
  /**
   * Source of the last contact
   */
  last_contacted_from?: string | null;
  /**
   * ID of the user who uploaded the lead
   */
  uploaded_by_user?: string | null;
  /**
   * Method used to upload the lead
   */
  upload_method?: "manual" | "api" | "website-visitor" | (string & {});
  /**
   * ID of the user assigned to the lead
   */
  assigned_to?: string | null;
  /**
   * Indicates if the lead is a website visitor
   */
  is_website_visitor?: boolean | null;
  /**
   * Timestamp of the last touch with the lead
   */
  timestamp_last_touch?: string | null;
  /**
   * ESP code associated with the lead
   */
  esp_code?: number;
  /**
   * ESG code associated with the lead
   */
  esg_code?: number;
}
