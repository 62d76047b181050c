/**
 * Leads read from CSV text.
 */
export interface CsvLeads {
    /**
     * The leads, in file order.
     */
    leads: LeadBulkItem[];
    /**
     * For each lead, the (1-based) line its row starts on.
     */
    lines: number[];
    /**
     * Rows left out, with the reason.
     */
    problems: CsvProblem[];
    /**
     * How each column was mapped.
     */
    columns: CsvColumn[];
}
