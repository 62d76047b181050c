/**
 * SequenceVariant
 */
export interface SequenceVariant {
  /**
   * `subject`
   */
  subject: string;
  /**
   * Email body HTML. Use `<br/>` tags for delivered email line breaks.
   */
  body: string;
  /**
   * Whether this variant is disabled. By default, all the variants are enabled. Please set this to true if you want to disable this variant
   */
  v_disabled?: boolean;
}
