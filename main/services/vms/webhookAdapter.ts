import type { VmsTarget } from '../../../common/site/vmsTargets';
import type { DeliveryContext, SecretStore, VmsAdapter } from './adapter';
import { answerError, httpRequest, isSuccess, stringAt } from './http';
import { readSecret } from './secrets';
import { idempotencyKey, webhookPayload, webhookSignature } from './webhookPayload';

type WebhookTarget = Extract<VmsTarget, { type: 'webhook' }>;

/**
 * Generic webhook: one signed POST of the whole bookmark per revision. Idempotent by its key,
 * so no attempt needs recording first: a retry after a crash is a replay the receiver ignores.
 */
export class WebhookAdapter implements VmsAdapter {
  constructor(
    private readonly target: WebhookTarget,
    private readonly secrets: SecretStore,
  ) {}

  async deliver(context: DeliveryContext): Promise<void> {
    const { bookmark } = context;
    const body = JSON.stringify(webhookPayload(bookmark, context.category, context.cameras, context.deliveredRevision > 0));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey(bookmark),
      'x-atalaya-event': context.deliveredRevision > 0 ? 'bookmark.updated' : 'bookmark.created',
      'user-agent': 'Atalaya',
    };
    if (this.target.secretRef !== undefined) {
      headers['x-atalaya-signature'] = webhookSignature(await readSecret(this.secrets, this.target.secretRef), body);
    }
    const response = await httpRequest(this.target.url, { method: 'POST', headers, body, timeoutMs: this.target.timeoutMs, signal: context.signal });
    if (!isSuccess(response)) throw answerError(response, stringAt(response.json, ['message'], ['error'], ['detail']), 'webhook');
  }
}
