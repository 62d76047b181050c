/**
 * A row that could not be read.
 */
export interface CsvProblem {
    /**
     * The (1-based) line the row starts on.
     */
    line: number;
    /**
     * What is wrong.
     */
    message: string;
}
