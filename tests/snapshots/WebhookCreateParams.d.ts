/**
 * Parameters of `POST /webhooks`: query parameters and body fields under their wire names.
 */
export interface WebhookCreateParams {
  /**
   * Optional campaign UUID to filter events (null = all campaigns in workspace)
   */
  campaign?: string | null | undefined;
  /**
   * Optional user-defined name for the webhook
   */
  name?: string | null | undefined;
  /**
   * Target URL to send webhook payloads
   */
  target_hook_url: string;
  /**
   * Type of event to trigger the webhook (null for custom label events). Set to "all_events" to subscribe to all events - including custom label events
   */
  event_type?: "all_events" | "email_sent" | "email_opened" | "email_link_clicked" | "reply_received" | "email_bounced" | "lead_unsubscribed" | "campaign_completed" | "account_error" | "lead_neutral" | "lead_interested" | "lead_not_interested" | "lead_meeting_booked" | "lead_meeting_completed" | "lead_closed" | "lead_out_of_office" | "lead_wrong_person" | "lead_no_show" | "supersearch_enrichment_completed" | null | undefined;
  /**
   * Custom interest value - corresponds to LeadLabel.interest_status (used for custom label events)
   */
  custom_interest_value?: number | null | undefined;
  /**
   * Optional HTTP headers to include when delivering webhook payloads (key-value pairs)
   */
  headers?: Record<string, string> | null | undefined;
}
