import { randomUUID } from 'node:crypto';
import { TestHttpServer, bearer, type RecordedRequest, type TestResponse } from './testHttpServer';

export interface NxBookmark {
  /** `{bookmarkId}_{serverId}`, as REST v3 names bookmarks. */
  id: string;
  deviceId: string;
  name: string;
  description: string;
  startTimeMs: number;
  durationMs: number;
  tags: string[];
  creationTimeMs: number;
}

/**
 * An Nx Witness server's REST API as far as bookmarks go (/rest/v{n}, see nxAdapter.ts for the
 * sources): session login with a bearer token, per-device bookmark create/list/patch, the
 * `{error, errorId, errorString}` error body. It has no idempotency: every create is stored,
 * which is what lets a test count duplicates.
 */
export class TestNxServer extends TestHttpServer {
  readonly bookmarks: NxBookmark[] = [];
  private readonly sessions = new Set<string>();
  private readonly serverId = randomUUID();

  private constructor(
    private readonly users: ReadonlyMap<string, string>,
    private readonly devices: ReadonlySet<string>,
  ) {
    super();
  }

  static async start(options: { users: Record<string, string>; devices: string[] }): Promise<TestNxServer> {
    const server = new TestNxServer(new Map(Object.entries(options.users)), new Set(options.devices));
    await server.accept();
    return server;
  }

  /** Every session token stops working, as when the server restarts or the session times out. */
  expireSessions(): void {
    this.sessions.clear();
  }

  protected handle(request: RecordedRequest): TestResponse {
    const path = request.url.pathname.match(/^\/rest\/v([1-9])(\/.*)$/);
    if (!path) return error(404, 'notFound', `${request.url.pathname} not found`);
    const route = path[2]!;

    if (route === '/login/sessions' && request.method === 'POST') {
      const { username, password } = (request.json ?? {}) as { username?: string; password?: string };
      if (typeof username !== 'string' || typeof password !== 'string') return error(400, 'missingParameter', 'username and password are required');
      if (this.users.get(username) !== password) return error(401, 'unauthorized', 'Wrong user name or password');
      const token = `vms-${randomUUID().replaceAll('-', '')}`;
      this.sessions.add(token);
      return { status: 200, body: { token, username, ageS: 0, expiresInS: 3600 } };
    }

    const token = bearer(request);
    if (token === undefined || !this.sessions.has(token)) return error(401, 'unauthorized', 'Authentication required');

    const bookmarks = route.match(/^\/devices\/([^/]+)\/bookmarks(?:\/([^/]+))?$/);
    if (!bookmarks) return error(404, 'notFound', `${route} not found`);
    const deviceId = decodeURIComponent(bookmarks[1]!);
    const bookmarkId = bookmarks[2] === undefined ? undefined : decodeURIComponent(bookmarks[2]);
    if (!this.devices.has(deviceId)) return error(404, 'notFound', `Device "${deviceId}" not found`);

    if (bookmarkId === undefined && request.method === 'GET') {
      const q = request.url.searchParams;
      const start = Number(q.get('startTimeMs') ?? 0);
      const end = Number(q.get('endTimeMs') ?? Number.MAX_SAFE_INTEGER);
      const text = (q.get('text') ?? '').toLowerCase();
      return {
        status: 200,
        body: this.bookmarks.filter(
          (b) =>
            b.deviceId === deviceId &&
            b.startTimeMs >= start &&
            b.startTimeMs + b.durationMs <= end &&
            (text === '' || [b.name, b.description, ...b.tags].some((s) => s.toLowerCase().includes(text))),
        ),
      };
    }
    if (bookmarkId === undefined && request.method === 'POST') {
      const fields = this.fields(request.json);
      if (typeof fields === 'string') return error(400, 'invalidParameter', fields);
      const bookmark: NxBookmark = { id: `${randomUUID()}_${this.serverId}`, deviceId, creationTimeMs: Date.now(), ...fields };
      this.bookmarks.push(bookmark);
      return { status: 200, body: bookmark };
    }
    const existing = this.bookmarks.find((b) => b.id === bookmarkId && b.deviceId === deviceId);
    if (!existing) return error(404, 'notFound', `Bookmark "${bookmarkId}" not found`);
    if (request.method === 'GET') return { status: 200, body: existing };
    if (request.method === 'PATCH') {
      const fields = this.fields({ ...existing, ...(request.json as object) });
      if (typeof fields === 'string') return error(400, 'invalidParameter', fields);
      Object.assign(existing, fields);
      return { status: 200, body: existing };
    }
    return error(405, 'forbidden', `${request.method} not allowed`);
  }

  private fields(json: unknown): Pick<NxBookmark, 'name' | 'description' | 'startTimeMs' | 'durationMs' | 'tags'> | string {
    const b = (json ?? {}) as Partial<NxBookmark>;
    if (typeof b.name !== 'string' || b.name === '') return 'name is required';
    if (typeof b.startTimeMs !== 'number' || typeof b.durationMs !== 'number' || b.durationMs <= 0) return 'startTimeMs and durationMs > 0 are required';
    if (b.tags !== undefined && !(Array.isArray(b.tags) && b.tags.every((t) => typeof t === 'string'))) return 'tags must be strings';
    return { name: b.name, description: b.description ?? '', startTimeMs: b.startTimeMs, durationMs: b.durationMs, tags: b.tags ?? [] };
  }
}

function error(status: number, errorId: string, errorString: string): TestResponse {
  return { status, body: { error: String(status), errorId, errorString } };
}
