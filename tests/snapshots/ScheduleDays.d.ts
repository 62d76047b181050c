/**
 * ScheduleDays
 */
export interface ScheduleDays {
  /**
   * `0`
   */
  "0"?: boolean;
  /**
   * `1`
   */
  "1"?: boolean;
  /**
   * `2`
   */
  "2"?: boolean;
  /**
   * `3`
   */
  "3"?: boolean;
  /**
   * `4`
   */
  "4"?: boolean;
  /**
   * `5`
   */
  "5"?: boolean;
  /**
   * `6`
   */
  "6"?: boolean;
}
