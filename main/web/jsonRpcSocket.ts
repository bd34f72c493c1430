import type { WebSocket } from 'ws';
import { toJsonRpcError, JSONRPC_INVALID_REQUEST, JSONRPC_PARSE_ERROR } from '../../common/contract/jsonRpc';
import type { CallContext, Dispatcher } from '../services/contract/dispatcher';
import type { EventHub } from '../services/contract/eventHub';

type Id = string | number | null;

function send(socket: WebSocket, message: object): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function isValidId(id: unknown): id is Id {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

/**
 * Serves the contract on one WebSocket as JSON-RPC 2.0: requests answered with `result` or
 * `error`, push events sent as notifications. Garbage is answered, never thrown.
 */
export function serveJsonRpc(socket: WebSocket, dispatcher: Dispatcher, hub: EventHub, ctx: CallContext, onClose?: () => void): void {
  const unsubscribe = hub.subscribe((event, payload) => send(socket, { jsonrpc: '2.0', method: event, params: payload }));
  socket.on('close', () => {
    unsubscribe();
    onClose?.();
  });
  socket.on('error', unsubscribe);

  socket.on('message', async (data, isBinary) => {
    if (isBinary) {
      send(socket, { jsonrpc: '2.0', id: null, error: { code: JSONRPC_INVALID_REQUEST, message: 'binary frames are not JSON-RPC' } });
      return;
    }
    let request: unknown;
    try {
      request = JSON.parse(data.toString());
    } catch {
      send(socket, { jsonrpc: '2.0', id: null, error: { code: JSONRPC_PARSE_ERROR, message: 'parse error: not JSON' } });
      return;
    }
    const r = request as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
    if (typeof request !== 'object' || request === null || Array.isArray(request) || r.jsonrpc !== '2.0' || typeof r.method !== 'string' || (r.id !== undefined && !isValidId(r.id))) {
      send(socket, { jsonrpc: '2.0', id: isValidId(r?.id) ? r.id : null, error: { code: JSONRPC_INVALID_REQUEST, message: 'invalid JSON-RPC 2.0 request' } });
      return;
    }
    const result = await dispatcher.call(r.method, r.params ?? {}, ctx);
    if (r.id === undefined) return; // a notification from the client: no answer, by the spec
    send(socket, result.ok ? { jsonrpc: '2.0', id: r.id, result: result.value } : { jsonrpc: '2.0', id: r.id, error: toJsonRpcError(result.error) });
  });
}
