/**
 * WebhookEventTypeList
 */
export interface WebhookEventTypeList {
  /**
   * `event_types`
   */
  event_types?: WebhookEventTypeInfo[];
}
