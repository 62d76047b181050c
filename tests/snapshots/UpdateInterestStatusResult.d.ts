/**
 * Answer (202 Accepted) of `POST /leads/update-interest-status`: the job was queued.
 */
export interface UpdateInterestStatusResult {
    /**
     * E.g. `"Lead interest status update background job submitted"`.
     */
    message?: string;
}
