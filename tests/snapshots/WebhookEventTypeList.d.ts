/**
 * Answer of `GET /webhooks/event-types`.
 */
export interface WebhookEventTypeList {
    /**
     * Every event type the workspace can subscribe to, custom labels included.
     */
    event_types: WebhookEventTypeInfo[];
}
