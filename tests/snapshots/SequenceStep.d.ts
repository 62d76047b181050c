/**
 * SequenceStep
 */
export interface SequenceStep {
  /**
   * Type of step. This has to be 'email' always - it's the only supported type for now
   */
  type: "email" | (string & {});
  /**
   * The delay value before sending the NEXT email. The unit is determined by the delay_unit field (defaults to days).
   */
  delay: number;
  /**
   * The unit of time for the delay value (minutes, hours, or days). Defaults to days for backward compatibility.
   */
  delay_unit?: "minutes" | "hours" | "days" | (string & {});
  /**
   * The delay value before sending the FIRST email in a subsequence. **Only applicable to subsequences** - this field is ignored for regular campaigns. The unit is determined by the pre_delay_unit field (defaults to days).
   */
  pre_delay?: number;
  /**
   * The unit of time for the pre_delay value (minutes, hours, or days). **Only applicable to subsequences** - this field is ignored for regular campaigns. Defaults to days for backward compatibility.
   */
  pre_delay_unit?: "minutes" | "hours" | "days" | (string & {});
  /**
   * `variants`
   */
  variants: SequenceVariant[];
}
