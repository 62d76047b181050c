/**
 * WebhookTestResult
 */
export interface WebhookTestResult {
  /**
   * `success`
   */
  success?: boolean;
  /**
   * `message`
   */
  message?: string;
  /**
   * `response_time_ms`
   */
  response_time_ms?: number;
  /**
   * `status_code`
   */
  status_code?: number;
  /**
   * `error`
   */
  error?: string;
}
