/**
 * Sequence
 */
export interface Sequence {
  /**
   * `steps`
   */
  steps: SequenceStep[];
}
