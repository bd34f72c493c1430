import { protocol, type CustomScheme } from 'electron';
import { STREAM_SCHEME } from '../../common/site/streamUrl';
import type { Site } from '../../common/site/siteSchema';
import type { SecretLookup } from '../services/streams/streamProxy';
import { streamSchemeResponse } from '../services/streams/streamScheme';

/**
 * Privileges of the stream scheme: fetched (mpegts.js's fetch loader) and streamed, nothing more
 * (no service workers, no bypassing CSP). Registered with the others in one call before 'ready'
 * (Electron keeps only the last registerSchemesAsPrivileged call).
 */
export const STREAM_SCHEME_PRIVILEGES: CustomScheme = { scheme: STREAM_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } };

/**
 * `atalaya-stream://camera/<id>/<index>`: main opens the site's stream with Node (no
 * 6-connections-per-host cap, no one-at-a-time WebSocket handshakes) and streams it back. Only
 * streams of the current site are reachable.
 */
export function handleStreamScheme(site: () => Site, secrets: SecretLookup, simulatorBase: () => string | null): void {
  protocol.handle(STREAM_SCHEME, (request) => streamSchemeResponse(request.url, site(), secrets, request.signal, simulatorBase()));
}
