/**
 * An error as plain data (shared by every row of a failed chunk).
 */
export interface ImportError {
    /**
     * Error class name, e.g. `ServerError`, `AbortError`.
     */
    name: string;
    /**
     * Stable code, e.g. `server_error`, `aborted` (the `code` of the error it was).
     */
    code: InstantlyErrorCode;
    /**
     * Message.
     */
    message: string;
    /**
     * HTTP status, when a response arrived.
     */
    status?: number;
}
