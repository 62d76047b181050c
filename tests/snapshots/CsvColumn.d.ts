/**
 * One column and where its values go.
 */
export interface CsvColumn {
    /**
     * The header as written.
     */
    header: string;
    /**
     * `email`, …, `custom_variables.<name>`, or `null` when the column is skipped.
     */
    field: string | undefined;
}
