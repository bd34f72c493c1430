import { categoryName } from '../../../common/bookmarks/categories';
import type { Clock } from '../../../common/bookmarks/outbox';
import type { VmsTarget } from '../../../common/site/vmsTargets';
import type { DeliveryContext, SecretStore, VmsAdapter } from './adapter';
import { vmsDescription } from './bookmarkText';
import { answerError, httpRequest, isSuccess, stringAt, type HttpResponse } from './http';
import { deliverPerCamera } from './perCamera';
import { readSecret } from './secrets';
import { VmsError } from './vmsError';

type FrigateTarget = Extract<VmsTarget, { type: 'frigate' }>;

/**
 * Frigate NVR (0.14+, FastAPI HTTP API under /api; source: blakeblackshear/frigate
 * frigate/api/event.py, frigate/api/auth.py, frigate/api/defs/request/events_body.py). The
 * device id of a camera is its Frigate camera name.
 *
 * - auth: none on the internal port 5000; on the authenticated port, POST /api/login
 *   {user, password} sets the JWT cookie, which is then sent as `Authorization: Bearer`.
 * - create: POST /api/events/{camera}/{label}/create {sub_label, duration, include_recording}
 *   → {success, message, event_id}. Frigate starts a manual event *now* (plus the camera's
 *   configured pre-capture) and cannot mark the past, so a bookmark whose window has already
 *   ended when it reaches Frigate fails with that reason instead of marking the wrong footage.
 * - the note: POST /api/events/{id}/description; edits also POST /api/events/{id}/sub_label.
 * - find: GET /api/events?cameras&labels&after, matching the bookmark id in sub_label.
 * - errors: `{success:false, message}` or FastAPI's `{detail}`.
 */
export class FrigateAdapter implements VmsAdapter {
  private token: string | undefined;

  constructor(
    private readonly target: FrigateTarget,
    private readonly secrets: SecretStore,
    private readonly clock: Clock,
  ) {}

  deliver(context: DeliveryContext): Promise<void> {
    const { bookmark, category, signal } = context;
    // Frigate caps sub labels at 100 characters; category names are at most 60.
    const subLabel = `${categoryName(category)}: ${bookmark.id}`;
    const description = vmsDescription(bookmark, category);
    const label = encodeURIComponent(this.target.label);
    const annotate = async (eventId: string) => {
      const path = `/api/events/${encodeURIComponent(eventId)}`;
      await this.call('POST', `${path}/sub_label`, JSON.stringify({ subLabel }), signal);
      await this.call('POST', `${path}/description`, JSON.stringify({ description }), signal);
    };
    return deliverPerCamera(context, {
      vms: 'Frigate',
      checkCanCreate: () => {
        const late = this.clock.now() - bookmark.endTime;
        if (late >= 0) {
          throw new VmsError(`Frigate can only mark footage from the moment it is told; this bookmark's window ended ${Math.round(late / 1000)} s ago`, {
            permanent: true,
          });
        }
      },
      create: async (camera) => {
        const duration = Math.max(1, Math.ceil((bookmark.endTime - this.clock.now()) / 1000));
        const response = await this.call(
          'POST',
          `/api/events/${encodeURIComponent(camera.vmsDeviceId)}/${label}/create`,
          JSON.stringify({ sub_label: subLabel, duration, include_recording: true }),
          signal,
        );
        const id = stringAt(response.json, ['event_id']);
        if (id === undefined) throw new VmsError('Frigate answered an event create without an event_id', { permanent: false });
        return id;
      },
      // A manual event cannot carry the note; it is attached once the event exists.
      afterCreate: async (_camera, eventId) => {
        await this.call('POST', `/api/events/${encodeURIComponent(eventId)}/description`, JSON.stringify({ description }), signal);
      },
      update: (_camera, remoteId) => annotate(remoteId),
      find: async (camera) => {
        // Events made for this bookmark start after it was made; ten minutes covers clock skew.
        const query = new URLSearchParams({
          cameras: camera.vmsDeviceId,
          labels: this.target.label,
          after: String(Math.floor(bookmark.createdAt / 1000) - 600),
          limit: '1000',
        });
        const response = await this.call('GET', `/api/events?${query}`, undefined, signal);
        const events = Array.isArray(response.json) ? (response.json as unknown[]) : [];
        const match = events.find((e) => {
          const sub = (e as { sub_label?: unknown }).sub_label;
          // Older versions return [label, score] pairs.
          const text = Array.isArray(sub) ? sub[0] : sub;
          return typeof text === 'string' && text.includes(bookmark.id);
        });
        return stringAt(match, ['id']);
      },
    });
  }

  private get base(): string {
    return this.target.url.replace(/\/+$/, '');
  }

  private async call(method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal, relogin = true): Promise<HttpResponse> {
    const token = await this.session(signal);
    const response = await httpRequest(`${this.base}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
      timeoutMs: this.target.timeoutMs,
      signal,
    });
    if (response.status === 401 && relogin && token !== undefined) {
      this.token = undefined;
      return this.call(method, path, body, signal, false);
    }
    const message = stringAt(response.json, ['message'], ['detail']);
    if (!isSuccess(response)) throw answerError(response, message, 'Frigate');
    if ((response.json as { success?: unknown } | undefined)?.success === false) {
      throw new VmsError(`Frigate: ${message ?? 'refused'}`, { permanent: true, status: response.status });
    }
    return response;
  }

  private async session(signal: AbortSignal): Promise<string | undefined> {
    if (this.target.username === undefined || this.target.secretRef === undefined) return undefined;
    if (this.token !== undefined) return this.token;
    const password = await readSecret(this.secrets, this.target.secretRef);
    const response = await httpRequest(`${this.base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: this.target.username, password }),
      timeoutMs: this.target.timeoutMs,
      signal,
    });
    if (!isSuccess(response)) throw answerError(response, stringAt(response.json, ['message'], ['detail']), 'Frigate login');
    // The JWT comes as a cookie (named frigate_token by default, configurable): take any cookie
    // whose value has the three parts of a JWT.
    const jwt = response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';', 1)[0]!.split('=').slice(1).join('='))
      .find((value) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(value));
    if (jwt === undefined) throw new VmsError('Frigate login answered without a session cookie', { permanent: false });
    this.token = jwt;
    return jwt;
  }
}
