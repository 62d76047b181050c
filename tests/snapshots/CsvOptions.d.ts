/**
 * Options of `parseLeadsCsv`.
 */
export interface CsvOptions {
    /**
     * Header → lead field (`email`, `first_name`, `last_name`, `company_name`, `job_title`,
     * `phone`, `website`, `personalization`), `custom_variables.<name>`, or `null` to skip the
     * column. Columns not listed are matched automatically; two entries naming one column
     * (after trimming) are an error.
     */
    columns?: Record<string, string | null> | undefined;
}
