/**
 * What `onProgress` receives after each chunk.
 */
export interface ImportProgress {
    /**
     * Input rows accounted for so far (rejected ones included).
     */
    processed: number;
    /**
     * Input rows in total.
     */
    total: number;
    /**
     * Rows created so far.
     */
    created: number;
    /**
     * Rows failed so far.
     */
    failed: number;
    /**
     * Where the import stands: pass it as `resumeFrom` to go on after a crash or a deploy.
     */
    checkpoint: ImportCheckpoint;
}
