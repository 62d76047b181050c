/**
 * Parameters of `PATCH /leads/{id}`: query parameters and body fields under their wire names.
 */
export interface LeadUpdateParams {
  /**
   * Personalization of the lead
   */
  personalization?: string | null | undefined;
  /**
   * Website of the lead
   */
  website?: string | null | undefined;
  /**
   * Last name of the lead
   */
  last_name?: string | null | undefined;
  /**
   * First name of the lead
   */
  first_name?: string | null | undefined;
  /**
   * Company name of the lead
   */
  company_name?: string | null | undefined;
  /**
   * Job title of the lead
   */
  job_title?: string | null | undefined;
  /**
   * Phone number of the lead
   */
  phone?: string | null | undefined;
  /**
   * Lead interest status. It can be either a static value (check below), or a custom status interest value
   */
  lt_interest_status?: number | undefined;
  /**
   * Potential value of the lead
   */
  pl_value_lead?: string | null | undefined;
  /**
   * ID of the user assigned to the lead
   */
  assigned_to?: string | null | undefined;
  /**
   * Custom variables can include any metadata about the lead that is relevant to the campaign, the campaign will be updated to allow all the other leads in the campaign to have the same custom variables. The custom variables will be added to the lead payload field
   */
  custom_variables?: Record<string, string | number | boolean | null> | undefined;
}
