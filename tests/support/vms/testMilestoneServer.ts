import { randomUUID } from 'node:crypto';
import { TestHttpServer, bearer, type RecordedRequest, type TestResponse } from './testHttpServer';

export interface MilestoneBookmark {
  id: string;
  header: string;
  description: string;
  timeBegin: string;
  timeEnd: string;
  timeTriggered: string;
  reference: string;
  devicePath: { type: string; id: string };
}

/**
 * XProtect's identity provider and the MIP VMS RESTful Bookmarks API v1 as milestoneAdapter.ts
 * describes them: OAuth password grant for client GrantValidatorClient (400 invalid_grant on
 * bad credentials), bearer-protected /API/rest/v1/bookmarks with create, PATCH and the
 * searchTime task, errors as `{error:{httpCode, details:[{errorText}]}}`. No idempotency.
 */
export class TestMilestoneServer extends TestHttpServer {
  readonly bookmarks: MilestoneBookmark[] = [];
  private readonly tokens = new Set<string>();

  private constructor(
    private readonly users: ReadonlyMap<string, string>,
    private readonly cameras: ReadonlySet<string>,
  ) {
    super();
  }

  static async start(options: { users: Record<string, string>; cameras: string[] }): Promise<TestMilestoneServer> {
    const server = new TestMilestoneServer(new Map(Object.entries(options.users)), new Set(options.cameras));
    await server.accept();
    return server;
  }

  expireTokens(): void {
    this.tokens.clear();
  }

  protected handle(request: RecordedRequest): TestResponse {
    const { pathname, searchParams } = request.url;
    if (pathname === '/API/IDP/connect/token' && request.method === 'POST') {
      const form = new URLSearchParams(request.body);
      if (form.get('client_id') !== 'GrantValidatorClient') return { status: 400, body: { error: 'invalid_client' } };
      if (form.get('grant_type') !== 'password') return { status: 400, body: { error: 'unsupported_grant_type' } };
      if (this.users.get(form.get('username') ?? '') !== form.get('password')) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'invalid_username_or_password' } };
      }
      const token = randomUUID();
      this.tokens.add(token);
      return { status: 200, body: { access_token: token, expires_in: 3600, token_type: 'Bearer', scope: 'managementserver' } };
    }

    const token = bearer(request);
    if (token === undefined || !this.tokens.has(token)) return error(401, 'Unauthorized');

    if (pathname === '/API/rest/v1/bookmarks' && request.method === 'POST') {
      const task = searchParams.get('task');
      if (task === 'searchTime') {
        const { timeBegin, timeEnd, devicePath } = (request.json ?? {}) as { timeBegin?: string; timeEnd?: string; devicePath?: { id?: string } };
        if (!timeBegin || !timeEnd) return error(400, 'timeBegin and timeEnd are required');
        const from = Date.parse(timeBegin);
        const to = Date.parse(timeEnd);
        return {
          status: 200,
          body: {
            data: this.bookmarks.filter(
              (b) => Date.parse(b.timeBegin) >= from && Date.parse(b.timeEnd) <= to && (devicePath?.id === undefined || b.devicePath.id === devicePath.id),
            ),
          },
        };
      }
      if (task !== null) return error(400, `unknown task ${task}`);
      const fields = this.fields(request.json);
      if (typeof fields === 'string') return error(400, fields);
      const bookmark: MilestoneBookmark = { id: randomUUID(), ...fields };
      this.bookmarks.push(bookmark);
      return { status: 201, body: { result: bookmark } };
    }

    const one = pathname.match(/^\/API\/rest\/v1\/bookmarks\/([^/]+)$/);
    const existing = one ? this.bookmarks.find((b) => b.id === decodeURIComponent(one[1]!)) : undefined;
    if (one && !existing) return error(404, 'Bookmark not found');
    if (existing && request.method === 'GET') return { status: 200, body: { data: existing } };
    if (existing && request.method === 'PATCH') {
      const fields = this.fields({ ...existing, ...(request.json as object) });
      if (typeof fields === 'string') return error(400, fields);
      Object.assign(existing, fields);
      return { status: 200, body: { data: existing } };
    }
    return error(404, `${request.method} ${pathname} not found`);
  }

  private fields(json: unknown): Omit<MilestoneBookmark, 'id'> | string {
    const b = (json ?? {}) as Partial<MilestoneBookmark>;
    if (!b.devicePath || b.devicePath.type !== 'cameras' || typeof b.devicePath.id !== 'string') return 'devicePath is required';
    if (!this.cameras.has(b.devicePath.id)) return `Camera ${b.devicePath.id} not found`;
    if (typeof b.timeBegin !== 'string' || typeof b.timeEnd !== 'string' || Number.isNaN(Date.parse(b.timeBegin)) || Date.parse(b.timeEnd) < Date.parse(b.timeBegin)) {
      return 'timeBegin and timeEnd must be date-times, in order';
    }
    return {
      header: b.header ?? '',
      description: b.description ?? '',
      timeBegin: b.timeBegin,
      timeEnd: b.timeEnd,
      timeTriggered: b.timeTriggered ?? b.timeBegin,
      reference: b.reference ?? '',
      devicePath: { type: 'cameras', id: b.devicePath.id },
    };
  }
}

function error(httpCode: number, errorText: string): TestResponse {
  return { status: httpCode, body: { error: { httpCode, details: [{ errorText }] } } };
}
