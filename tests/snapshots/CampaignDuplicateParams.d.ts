/**
 * Parameters of `POST /campaigns/{id}/duplicate`: query parameters and body fields under their wire names.
 */
export interface CampaignDuplicateParams {
  /**
   * Campaign new name (optional). If not provided, it will default to CAMPAIGN NAME (copy).
   */
  name?: string | undefined;
}
