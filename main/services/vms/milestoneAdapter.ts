import type { VmsTarget } from '../../../common/site/vmsTargets';
import { atalayaMarker, type DeliveryContext, type SecretStore, type VmsAdapter } from './adapter';
import { vmsDescription, vmsTitle } from './bookmarkText';
import { answerError, httpRequest, isSuccess, stringAt, type HttpResponse } from './http';
import { deliverPerCamera } from './perCamera';
import { readSecret } from './secrets';
import { VmsError } from './vmsError';

type MilestoneTarget = Extract<VmsTarget, { type: 'milestone' }>;

/**
 * Milestone XProtect through the API Gateway: "MIP VMS RESTful Bookmarks API" version 1.0.0
 * (`/API/rest/v1/bookmarks`, doc.developer.milestonesys.com/mipvmsapi/api/bookmarks-rest/v1),
 * with the OAuth token flow of Milestone's samples (milestonesys/mipsdk-samples-protocol,
 * RestfulCommunicationPython/identity_provider.py).
 *
 * - token: POST /API/IDP/connect/token, form grant_type=password, username, password,
 *   client_id=GrantValidatorClient → {access_token, expires_in}; the user must be an XProtect
 *   basic user. Wrong credentials answer 400 invalid_grant (OAuth 2.0), a permanent failure.
 * - create: POST /API/rest/v1/bookmarks {header, description, timeBegin, timeEnd,
 *   timeTriggered, reference, devicePath:{type:"cameras", id}}; `reference` carries
 *   `atalaya:<bookmark id>`.
 * - edit: PATCH /API/rest/v1/bookmarks/{id}.
 * - find: POST /API/rest/v1/bookmarks?task=searchTime (bookmarks cannot be listed with GET),
 *   matching `reference`. The page we could read lists timeBegin/timeEnd and devicePath among
 *   the task body's fields but not the search's exact semantics: verify this call against a real
 *   XProtect before relying on recovery after a crash.
 * - errors: `{error: {httpCode, details:[{errorText}]}}`; errorText is shown.
 */
export class MilestoneAdapter implements VmsAdapter {
  private token: { value: string; expiresAt: number } | undefined;

  constructor(
    private readonly target: MilestoneTarget,
    private readonly secrets: SecretStore,
  ) {}

  deliver(context: DeliveryContext): Promise<void> {
    const { bookmark, category, signal } = context;
    const iso = (ms: number) => new Date(ms).toISOString();
    const reference = atalayaMarker(bookmark.id);
    const body = (deviceId: string) =>
      JSON.stringify({
        // Smart Client shows short headlines; the full note is in the description.
        header: vmsTitle(bookmark, category, 50),
        description: vmsDescription(bookmark, category),
        timeBegin: iso(bookmark.startTime),
        timeEnd: iso(bookmark.endTime),
        timeTriggered: iso(bookmark.time),
        reference,
        devicePath: { type: 'cameras', id: deviceId },
      });
    return deliverPerCamera(context, {
      vms: 'Milestone',
      create: async (camera) => {
        const response = await this.call('POST', '/bookmarks', body(camera.vmsDeviceId), signal);
        const id = stringAt(response.json, ['result', 'id'], ['data', 'id'], ['data', 'relations', 'self', 'id']);
        if (id === undefined) throw new VmsError('Milestone answered a bookmark create without an id', { permanent: false });
        return id;
      },
      update: async (camera, remoteId) => {
        await this.call('PATCH', `/bookmarks/${encodeURIComponent(remoteId)}`, body(camera.vmsDeviceId), signal);
      },
      find: async (camera) => {
        const hour = 3_600_000;
        const search = JSON.stringify({
          timeBegin: iso(bookmark.time - 2 * hour),
          timeEnd: iso(bookmark.time + 2 * hour),
          devicePath: { type: 'cameras', id: camera.vmsDeviceId },
        });
        const response = await this.call('POST', '/bookmarks?task=searchTime', search, signal);
        const json = response.json as { data?: unknown; array?: unknown; result?: unknown } | undefined;
        const list = [json?.data, json?.array, json?.result].find(Array.isArray) as unknown[] | undefined;
        return stringAt(
          list?.find((b) => stringAt(b, ['reference']) === reference),
          ['id'],
          ['relations', 'self', 'id'],
        );
      },
    });
  }

  private get base(): string {
    return this.target.url.replace(/\/+$/, '');
  }

  private async call(method: 'POST' | 'PATCH', path: string, body: string, signal: AbortSignal, renew = true): Promise<HttpResponse> {
    const token = await this.accessToken(signal);
    const response = await httpRequest(`${this.base}/API/rest/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body,
      timeoutMs: this.target.timeoutMs,
      signal,
    });
    if (response.status === 401 && renew) {
      this.token = undefined;
      return this.call(method, path, body, signal, false);
    }
    if (!isSuccess(response)) {
      throw answerError(response, stringAt(response.json, ['error', 'details', 0, 'errorText'], ['details', 0, 'errorText'], ['error', 'message'], ['message']), 'Milestone');
    }
    return response;
  }

  private async accessToken(signal: AbortSignal): Promise<string> {
    // Renewed a minute early so a token never expires between being read and being used.
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    const password = await readSecret(this.secrets, this.target.secretRef);
    const form = new URLSearchParams({ grant_type: 'password', username: this.target.username, password, client_id: 'GrantValidatorClient' });
    const response = await httpRequest(`${this.base}/API/IDP/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      timeoutMs: this.target.timeoutMs,
      signal,
    });
    if (!isSuccess(response)) throw answerError(response, stringAt(response.json, ['error_description'], ['error']), 'Milestone login');
    const value = stringAt(response.json, ['access_token']);
    if (value === undefined) throw new VmsError('Milestone login answered without an access_token', { permanent: false });
    const expiresIn = (response.json as { expires_in?: unknown }).expires_in;
    this.token = { value, expiresAt: Date.now() + (typeof expiresIn === 'number' ? expiresIn : 3600) * 1000 };
    return value;
  }
}
