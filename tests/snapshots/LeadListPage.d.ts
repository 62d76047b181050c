/**
 * A page of lead lists (`GET /lead-lists`).
 */
export interface LeadListPage {
    /**
     * The items of this page.
     */
    items: LeadList[];
    /**
     * Cursor for the next page: pass it as `starting_after`. The last page with data may
     * still carry one; a page with no items ends the listing.
     */
    next_starting_after?: string;
}
