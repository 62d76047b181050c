/**
 * Body of `POST /webhooks`.
 *
 * Put the shared secret in `headers` (e.g. `{"x-shared-secret": "<random>"}`) and check it on
 * receipt with `parseWebhook({ secret })`: Instantly does not sign deliveries.
 */
export interface WebhookCreateParams {
    /**
     * Where to POST payloads: an `http://` or `https://` URL (required).
     */
    target_hook_url: string;
    /**
     * What to receive: a subscription name (`all_events` for everything, custom labels
     * included; `email_link_clicked`, not the payload's `link_clicked`), or `null` for one
     * custom label, chosen by `custom_interest_value`. Left out, the API's default applies.
     */
    event_type?: WebhookSubscriptionEventType | null;
    /**
     * Limit to one campaign (UUID); `null` or absent for every campaign.
     */
    campaign?: string | null;
    /**
     * A name for the subscription.
     */
    name?: string | null;
    /**
     * Interest value of the custom label to receive (with `event_type: null`).
     */
    custom_interest_value?: number | null;
    /**
     * Extra HTTP headers sent with every delivery, e.g. a shared secret.
     */
    headers?: Record<string, string> | null;
}
