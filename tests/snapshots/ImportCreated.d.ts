/**
 * A created row.
 */
export interface ImportCreated {
    /**
     * Index in the input.
     */
    index: number;
    /**
     * The new lead's id.
     */
    id: string;
}
