/**
 * Options of every JS `listAll` (`{ maxItems? }`).
 */
export interface ListAllOptions {
    /**
     * Stop after this many items (default: walk the whole list).
     */
    maxItems?: number;
}
