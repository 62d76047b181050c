/**
 * The email copy. Only the first sequence of `sequences` is used by the API.
 */
export interface Sequence {
    /**
     * The steps, in order.
     */
    steps: SequenceStep[];
}
