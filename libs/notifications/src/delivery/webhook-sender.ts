// Posts a signed webhook by the Standard Webhooks convention: `webhook-id` (the idempotency key:
// escalation id and revision), `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256
// of "id.timestamp.body">` under the contact's secret. Only a 2xx answer counts as delivered.
import { Webhook } from 'standardwebhooks';

export interface WebhookRequest {
  url: string;
  /** `whsec_<base64>` or base64. */
  secret: string;
  /** The webhook-id header. */
  messageId: string;
  body: Record<string, unknown>;
  timeoutMs: number;
  now: Date;
}

export interface WebhookOutcome {
  delivered: boolean;
  /** What happened, without secrets or response bodies: "HTTP 204", "HTTP 500", "timeout". */
  detail: string;
}

export async function sendWebhook(request: WebhookRequest): Promise<WebhookOutcome> {
  const payload = JSON.stringify(request.body);
  const signer = new Webhook(
    request.secret.startsWith('whsec_') ? request.secret : `whsec_${request.secret}`,
  );
  const timestamp = Math.floor(request.now.getTime() / 1000);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Weerbaar-Webhooks/1',
        'webhook-id': request.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signer.sign(request.messageId, new Date(timestamp * 1000), payload),
      },
      body: payload,
    });
    await response.body?.cancel();
    return {
      delivered: response.status >= 200 && response.status < 300,
      detail: `HTTP ${response.status}`,
    };
  } catch (error) {
    return { delivered: false, detail: describeFailure(error) };
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'timeout';
  }
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string'
    ? `connection failed (${cause.code})`
    : 'connection failed';
}
