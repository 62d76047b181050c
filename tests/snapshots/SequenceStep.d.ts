/**
 * One email step.
 */
export interface SequenceStep {
    /**
     * Always `"email"`.
     */
    type: string;
    /**
     * Delay before the NEXT email, in `delay_unit`.
     */
    delay: number;
    /**
     * `minutes`, `hours` or `days` (default `days`).
     */
    delay_unit?: string;
    /**
     * Subsequences only: delay before the first email.
     */
    pre_delay?: number;
    /**
     * Unit of `pre_delay`.
     */
    pre_delay_unit?: string;
    /**
     * A/B variants of the email.
     */
    variants: SequenceVariant[];
}
