/**
 * One variant of a step.
 */
export interface SequenceVariant {
    /**
     * Subject line (may use `{{firstName}}` variables).
     */
    subject: string;
    /**
     * HTML body; use `<br/>` for line breaks.
     */
    body: string;
    /**
     * True to disable this variant.
     */
    v_disabled?: boolean;
}
