/**
 * Parameters of `GET /webhooks`: query parameters and body fields under their wire names.
 */
export interface WebhookListParams {
  /**
   * The number of items to return
   */
  limit?: number | undefined;
  /**
   * The ID of the last item in the previous page - used for pagination. You can use the value of the `next_starting_after` field from the previous response.
   */
  starting_after?: string | undefined;
  /**
   * Filter by campaign ID
   */
  campaign?: string | undefined;
  /**
   * Filter by event type (e.g., email_sent, lead_interested, all_events)
   */
  event_type?: "all_events" | "email_sent" | "email_opened" | "email_link_clicked" | "reply_received" | "email_bounced" | "lead_unsubscribed" | "campaign_completed" | "account_error" | "lead_neutral" | "lead_interested" | "lead_not_interested" | "lead_meeting_booked" | "lead_meeting_completed" | "lead_closed" | "lead_out_of_office" | "lead_wrong_person" | undefined;
}
