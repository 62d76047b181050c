/**
 * LeadListPage
 */
export interface LeadListPage {
  /**
   * The list of Lead List
   */
  items: LeadList[];
  /**
   * The filter for getting the next items after this one, this could either be a UUID, a timestamp, on an email depending on the specific API
   */
  next_starting_after?: string;
}
