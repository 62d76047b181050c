/**
 * LeadPage
 */
export interface LeadPage {
  /**
   * The list of Lead
   */
  items: Lead[];
  /**
   * The filter for getting the next items after this one, this could either be a UUID, a timestamp, on an email depending on the specific API
   */
  next_starting_after?: string;
}
