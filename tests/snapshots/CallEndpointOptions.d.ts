/**
 * Options of `callEndpoint(path, options)`.
 */
export interface CallEndpointOptions {
    /**
     * HTTP method (default `GET`).
     */
    method?: string | undefined;
    /**
     * Query parameters; arrays become repeated keys (`ids=a&ids=b`).
     */
    query?: Record<string, string | number | boolean | Array<string | number | boolean> | null | undefined> | undefined;
    /**
     * JSON body.
     */
    json?: unknown;
}
