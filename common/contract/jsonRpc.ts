import type { AppErrorData, ErrorCode } from './result';

/** JSON-RPC 2.0 framing of the contract for the web host's WebSocket at /api. */

export const JSONRPC_PARSE_ERROR = -32700;
export const JSONRPC_INVALID_REQUEST = -32600;
export const JSONRPC_METHOD_NOT_FOUND = -32601;
export const JSONRPC_INVALID_PARAMS = -32602;
export const JSONRPC_INTERNAL = -32603;
/** Application errors; `data.code` carries Atalaya's error code. */
export const JSONRPC_APP_ERROR = -32000;

const rpcCodeOf: Partial<Record<ErrorCode, number>> = {
  unknown_method: JSONRPC_METHOD_NOT_FOUND,
  invalid_params: JSONRPC_INVALID_PARAMS,
  payload_too_large: JSONRPC_INVALID_PARAMS,
  internal: JSONRPC_INTERNAL,
};

export interface JsonRpcError {
  code: number;
  message: string;
  data: { code: ErrorCode };
}

export function toJsonRpcError(error: AppErrorData): JsonRpcError {
  return { code: rpcCodeOf[error.code] ?? JSONRPC_APP_ERROR, message: error.message, data: { code: error.code } };
}

export function fromJsonRpcError(error: unknown): AppErrorData {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; data?: { code?: unknown } };
  const code = typeof e.data?.code === 'string' ? (e.data.code as ErrorCode) : 'internal';
  return { code, message: typeof e.message === 'string' ? e.message : 'unknown error' };
}
