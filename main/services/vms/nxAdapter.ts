import { MAX_ROLL_S } from '../../../common/bookmarks/categories';
import type { VmsTarget } from '../../../common/site/vmsTargets';
import { atalayaMarker, type DeliveryContext, type SecretStore, type VmsAdapter } from './adapter';
import { vmsDescription, vmsTitle } from './bookmarkText';
import { answerError, httpRequest, isSuccess, stringAt, type HttpResponse } from './http';
import { deliverPerCamera } from './perCamera';
import { readSecret } from './secrets';
import { VmsError } from './vmsError';

type NxTarget = Extract<VmsTarget, { type: 'nx' }>;

/**
 * Nx Witness (and its OEM builds: DW Spectrum, Wisenet WAVE) through the Server REST API
 * `/rest/v{n}`, n = target.apiVersion (default 3; session login and per-device bookmarks exist
 * from v1, Nx Witness 5.1). Sources: the Nx Witness server's API reference and
 * networkoptix/nx_open (nx_vms_api bookmark_models.h: BookmarkV1/V3, BookmarkFilterBase; the
 * route `rest/^v[1-9]/devices/:deviceId/bookmarks/:id?`), and the login flow of
 * networkoptix/nx_open_integrations (python/examples/authentication/local_bearer.py).
 *
 * - login: POST /rest/v{n}/login/sessions {username, password, setCookie:false} → {token};
 *   then `Authorization: Bearer <token>`; a 401 later means the session expired → log in once more.
 * - create: POST /rest/v{n}/devices/{deviceId}/bookmarks {name, description, startTimeMs,
 *   durationMs, tags} → the bookmark with its server-made `id`.
 * - edit: PATCH /rest/v{n}/devices/{deviceId}/bookmarks/{id}.
 * - find: GET /rest/v{n}/devices/{deviceId}/bookmarks?startTimeMs&endTimeMs, matching the
 *   `atalaya:<id>` tag. Nx takes no client id, so this is how a create that may have
 *   landed before a crash is recognised.
 * - errors: `{error, errorId, errorString}`; errorString is shown.
 */
export class NxAdapter implements VmsAdapter {
  private token: string | undefined;

  constructor(
    private readonly target: NxTarget,
    private readonly secrets: SecretStore,
  ) {}

  deliver(context: DeliveryContext): Promise<void> {
    const { bookmark, category, signal } = context;
    const body = JSON.stringify({
      name: vmsTitle(bookmark, category),
      description: vmsDescription(bookmark, category),
      startTimeMs: bookmark.startTime,
      durationMs: bookmark.endTime - bookmark.startTime,
      tags: ['atalaya', atalayaMarker(bookmark.id), category.id],
    });
    const devicePath = (deviceId: string) => `/devices/${encodeURIComponent(deviceId)}/bookmarks`;
    return deliverPerCamera(context, {
      vms: 'Nx',
      create: async (camera) => {
        const response = await this.call('POST', devicePath(camera.vmsDeviceId), body, signal);
        const id = stringAt(response.json, ['id']);
        if (id === undefined) throw new VmsError('Nx answered a bookmark create without an id', { permanent: false });
        return id;
      },
      update: async (camera, remoteId) => {
        await this.call('PATCH', `${devicePath(camera.vmsDeviceId)}/${encodeURIComponent(remoteId)}`, body, signal);
      },
      find: async (camera) => {
        // Rolls can change between the lost create and now, so look around the marked time wide
        // enough to catch any window the bookmark can have had. The match is on our tag, not on
        // Nx's free-text filter, whose word splitting a UUID need not survive.
        const margin = (MAX_ROLL_S + 60) * 1000;
        const query = new URLSearchParams({ startTimeMs: String(bookmark.time - margin), endTimeMs: String(bookmark.time + margin) });
        const response = await this.call('GET', `${devicePath(camera.vmsDeviceId)}?${query}`, undefined, signal);
        const list = Array.isArray(response.json) ? (response.json as unknown[]) : [];
        const marker = atalayaMarker(bookmark.id);
        const match = list.find((b) => {
          const tags = (b as { tags?: unknown }).tags;
          return (Array.isArray(tags) && tags.includes(marker)) || stringAt(b, ['description'])?.includes(marker);
        });
        return stringAt(match, ['id']);
      },
    });
  }

  private get api(): string {
    return `${this.target.url.replace(/\/+$/, '')}/rest/v${this.target.apiVersion}`;
  }

  private async call(method: 'GET' | 'POST' | 'PATCH', path: string, body: string | undefined, signal: AbortSignal, relogin = true): Promise<HttpResponse> {
    const token = await this.session(signal);
    const response = await httpRequest(`${this.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body,
      timeoutMs: this.target.timeoutMs,
      signal,
    });
    if (response.status === 401 && relogin) {
      this.token = undefined;
      return this.call(method, path, body, signal, false);
    }
    if (!isSuccess(response)) throw answerError(response, nxMessage(response), 'Nx');
    return response;
  }

  private async session(signal: AbortSignal): Promise<string> {
    if (this.token !== undefined) return this.token;
    const password = await readSecret(this.secrets, this.target.secretRef);
    const response = await httpRequest(`${this.api}/login/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: this.target.username, password, setCookie: false }),
      timeoutMs: this.target.timeoutMs,
      signal,
    });
    if (!isSuccess(response)) throw answerError(response, nxMessage(response), 'Nx login');
    const token = stringAt(response.json, ['token']);
    if (token === undefined) throw new VmsError('Nx login answered without a token', { permanent: false });
    this.token = token;
    return token;
  }
}

const nxMessage = (response: HttpResponse) => stringAt(response.json, ['errorString'], ['message']);
