/**
 * One weekly sending window.
 */
export interface Schedule {
    /**
     * A label for the window.
     */
    name: string;
    /**
     * Daily time window, 24-hour `HH:MM`.
     */
    timing: Timing;
    /**
     * Days to send, keyed `"0"`..`"6"` (the API does not document which day `"0"` is; Sunday,
     * as in JavaScript's `getDay()`, is the common reading). At least one key.
     */
    days: Partial<Record<"0" | "1" | "2" | "3" | "4" | "5" | "6", boolean>>;
    /**
     * A time zone from the API's closed list (see `SCHEDULE_TIMEZONES`; `America/New_York`
     * and `UTC` are not in it).
     */
    timezone: string;
}
