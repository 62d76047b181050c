/**
 * UpdateInterestStatusResult
 */
export interface UpdateInterestStatusResult {
  /**
   * `message`
   */
  message?: string;
}
