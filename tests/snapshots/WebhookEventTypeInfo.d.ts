/**
 * WebhookEventTypeInfo
 */
export interface WebhookEventTypeInfo {
  /**
   * `id`
   */
  id?: string;
  /**
   * `label`
   */
  label?: string;
  /**
   * `type`
   */
  type?: string;
}
