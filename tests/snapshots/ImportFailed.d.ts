/**
 * A row whose chunk failed.
 */
export interface ImportFailed {
    /**
     * Index in the input.
     */
    index: number;
    /**
     * The error that ended its chunk.
     */
    error: ImportError;
    /**
     * True when a request carrying this row may have been processed before the failure
     * (e.g. a timeout with no re-send left): the lead may exist.
     */
    maybe_created?: boolean;
}
