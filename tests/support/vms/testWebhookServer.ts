import { createHmac, timingSafeEqual } from 'node:crypto';
import { TestHttpServer, type RecordedRequest, type TestResponse } from './testHttpServer';

export interface WebhookDelivery {
  key: string;
  body: Record<string, unknown>;
  /** How many times this key arrived (1 + replays). */
  count: number;
}

/**
 * A receiver of Atalaya's generic webhook as main/services/vms/README.md describes it: checks
 * the HMAC signature (401 when wrong), stores each Idempotency-Key once (201) and answers a
 * replay 200 without storing it again.
 */
export class TestWebhookServer extends TestHttpServer {
  readonly deliveries = new Map<string, WebhookDelivery>();

  private constructor(private readonly secret: string | undefined) {
    super();
  }

  static async start(options: { secret?: string } = {}): Promise<TestWebhookServer> {
    const server = new TestWebhookServer(options.secret);
    await server.accept();
    return server;
  }

  /** Deliveries stored for one bookmark, oldest first. */
  deliveriesOf(bookmarkId: string): WebhookDelivery[] {
    return [...this.deliveries.values()].filter((d) => d.body.id === bookmarkId);
  }

  protected handle(request: RecordedRequest): TestResponse {
    if (request.method !== 'POST') return { status: 405, body: { message: 'POST only' } };
    if (this.secret !== undefined && !validSignature(this.secret, request)) return { status: 401, body: { message: 'invalid signature' } };
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return { status: 400, body: { message: 'Idempotency-Key is required' } };
    if (typeof request.json !== 'object' || request.json === null) return { status: 400, body: { message: 'body must be a JSON object' } };
    const known = this.deliveries.get(key);
    if (known) {
      known.count += 1;
      return { status: 200, body: { replay: true } };
    }
    this.deliveries.set(key, { key, body: request.json as Record<string, unknown>, count: 1 });
    return { status: 201, body: { stored: key } };
  }
}

function validSignature(secret: string, request: RecordedRequest): boolean {
  const header = request.headers['x-atalaya-signature'];
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(request.body, 'utf8').digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
