/**
 * Timing
 */
export interface Timing {
  /**
   * `from`
   */
  from: string;
  /**
   * `to`
   */
  to: string;
}
