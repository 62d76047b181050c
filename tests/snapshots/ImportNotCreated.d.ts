/**
 * A row the API took but did not create.
 */
export interface ImportNotCreated {
    /**
     * Index in the input.
     */
    index: number;
    /**
     * True when its chunk was re-sent after a failure the server may have processed: the
     * lost first attempt may have created this lead (the re-send then finds it already in the
     * target). Find it with `leads.list({ contacts: [email], … })` if you need its id.
     */
    maybe_created?: boolean;
}
