/**
 * CreatedLead
 */
export interface CreatedLead {
  /**
   * The index of the lead in the input array. For leads that have no email address you can use this field as the key to your input leads.
   */
  index: number;
  /**
   * The ID of the lead. Use it for GET, DELETE or PATCH operations.
   */
  id: string;
  /**
   * `email`
   */
  email?: string | null;
  /**
   * `first_name`
   */
  first_name?: string | null;
  /**
   * `last_name`
   */
  last_name?: string | null;
  /**
   * `phone`
   */
  phone?: string | null;
}
