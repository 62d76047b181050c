/**
 * An error as plain data (shared by every row of a failed chunk).
 */
export interface ImportError {
    /**
     * Error class name, e.g. `ServerError`, `AbortError`.
     */
    name: string;
    /**
     * Stable code, e.g. `server_error`, `aborted`.
     */
    code: string;
    /**
     * Message.
     */
    message: string;
    /**
     * HTTP status, when a response arrived.
     */
    status?: number;
}
