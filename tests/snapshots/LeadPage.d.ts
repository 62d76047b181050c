/**
 * A page of leads (`POST /leads/list`), ordered by id.
 */
export interface LeadPage {
    /**
     * The items of this page.
     */
    items: Lead[];
    /**
     * Cursor for the next page: pass it as `starting_after`. The last page with data may
     * still carry one; a page with no items ends the listing.
     */
    next_starting_after?: string;
}
