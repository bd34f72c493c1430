import { randomBytes } from 'node:crypto';
import { TestHttpServer, bearer, type RecordedRequest, type TestResponse } from './testHttpServer';

export interface FrigateEvent {
  id: string;
  camera: string;
  label: string;
  sub_label: string | null;
  start_time: number;
  end_time: number | null;
  data: { description?: string; type: 'api' };
}

/**
 * Frigate's HTTP API (0.14+, see frigateAdapter.ts for the sources) as far as manual events go:
 * optional JWT login (cookie, accepted back as a bearer token; 401 without it), manual event
 * create per camera and label, event list filters, sub label and description. No idempotency.
 */
export class TestFrigateServer extends TestHttpServer {
  readonly events: FrigateEvent[] = [];
  private readonly tokens = new Set<string>();

  private constructor(
    private readonly cameras: ReadonlySet<string>,
    private readonly users: ReadonlyMap<string, string> | undefined,
  ) {
    super();
  }

  /** Without `users` it behaves like Frigate's unauthenticated internal port. */
  static async start(options: { cameras: string[]; users?: Record<string, string> }): Promise<TestFrigateServer> {
    const server = new TestFrigateServer(new Set(options.cameras), options.users && new Map(Object.entries(options.users)));
    await server.accept();
    return server;
  }

  protected handle(request: RecordedRequest): TestResponse {
    const { pathname, searchParams } = request.url;
    if (pathname === '/api/login' && request.method === 'POST') {
      const { user, password } = (request.json ?? {}) as { user?: string; password?: string };
      if (!this.users || this.users.get(user ?? '') !== password) return { status: 401, body: { message: 'Login failed' } };
      const jwt = [randomBytes(8), randomBytes(16), randomBytes(16)].map((b) => b.toString('base64url')).join('.');
      this.tokens.add(jwt);
      return { status: 200, headers: { 'set-cookie': [`frigate_token=${jwt}; HttpOnly; Path=/`] } };
    }
    if (this.users) {
      const token = bearer(request);
      // Frigate's proxy answers an unauthenticated API call with a bare 401.
      if (token === undefined || !this.tokens.has(token)) return { status: 401 };
    }

    const create = pathname.match(/^\/api\/events\/([^/]+)\/([^/]+)\/create$/);
    if (create && request.method === 'POST') {
      const camera = decodeURIComponent(create[1]!);
      if (!this.cameras.has(camera)) return { status: 404, body: { success: false, message: `${camera} is not a valid camera.` } };
      const body = (request.json ?? {}) as { sub_label?: string; duration?: number | null };
      const now = Date.now() / 1000;
      const id = `${now.toFixed(6)}-${randomBytes(3).toString('hex')}`;
      this.events.push({
        id,
        camera,
        label: decodeURIComponent(create[2]!),
        sub_label: body.sub_label ?? null,
        start_time: now,
        end_time: body.duration === null ? null : now + (body.duration ?? 30),
        data: { type: 'api' },
      });
      return { status: 200, body: { success: true, message: 'Successfully created event.', event_id: id } };
    }

    if (pathname === '/api/events' && request.method === 'GET') {
      const inList = (param: string, value: string) => {
        const wanted = searchParams.get(param);
        return wanted === null || wanted === 'all' || wanted.split(',').includes(value);
      };
      const after = Number(searchParams.get('after') ?? 0);
      const limit = Number(searchParams.get('limit') ?? 100);
      return {
        status: 200,
        body: this.events
          .filter((e) => inList('cameras', e.camera) && inList('labels', e.label) && e.start_time > after)
          .sort((a, b) => b.start_time - a.start_time)
          .slice(0, limit),
      };
    }

    const annotate = pathname.match(/^\/api\/events\/([^/]+)\/(sub_label|description)$/);
    if (annotate && request.method === 'POST') {
      const id = decodeURIComponent(annotate[1]!);
      const event = this.events.find((e) => e.id === id);
      if (!event) return { status: 404, body: { success: false, message: `Event ${id} not found` } };
      const body = (request.json ?? {}) as { subLabel?: unknown; description?: unknown };
      if (annotate[2] === 'sub_label') {
        if (typeof body.subLabel !== 'string' || body.subLabel.length > 100) return { status: 400, body: { success: false, message: 'A sub label of at most 100 characters must be supplied' } };
        event.sub_label = body.subLabel;
      } else if (typeof body.description === 'string' && body.description !== '') event.data.description = body.description;
      else delete event.data.description;
      return { status: 200, body: { success: true, message: `Event ${id} ${annotate[2]} set` } };
    }
    return { status: 404, body: { detail: 'Not Found' } };
  }
}
