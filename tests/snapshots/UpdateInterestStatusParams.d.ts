/**
 * Parameters of `POST /leads/update-interest-status`: query parameters and body fields under their wire names.
 */
export interface UpdateInterestStatusParams {
  /**
   * The email of the lead to update the interest status of.
   */
  lead_email: string;
  /**
   * Set this field to "null" to reset the lead value to "Lead". This is the same as moving the lead to the "Lead" status in the web app. Please check the `lt_interest_status` field for the list of possible values.
   */
  interest_value: number | null;
  /**
   * The ID of the campaign to update the interest status of.
   */
  campaign_id?: string | undefined;
  /**
   * The AI interest value to set for the lead.
   */
  ai_interest_value?: number | undefined;
  /**
   * Whether to disable the auto interest.
   */
  disable_auto_interest?: boolean | undefined;
  /**
   * The ID of the list to update the interest status of.
   */
  list_id?: string | undefined;
}
