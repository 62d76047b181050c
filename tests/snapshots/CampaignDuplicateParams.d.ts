/**
 * Body of `POST /campaigns/{id}/duplicate`.
 */
export interface CampaignDuplicateParams {
    /**
     * Name of the copy (default: `"<name> (copy)"`).
     */
    name?: string;
}
