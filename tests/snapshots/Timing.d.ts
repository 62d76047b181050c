/**
 * A daily `from`–`to` window in `HH:MM`.
 */
export interface Timing {
    /**
     * Start, `HH:MM`.
     */
    from: string;
    /**
     * End, `HH:MM`.
     */
    to: string;
}
