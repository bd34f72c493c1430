import { methods, type MethodOutput, type MethodParams } from '../../../common/contract/contract';
import { MAX_PARAMS_BYTES, METHOD_NAMES, type MethodName } from '../../../common/contract/names';
import { AppError, fail, ok, type Result } from '../../../common/contract/result';
import type { Session } from '../../../common/security/userSchema';
import { describeProblems, problemsOf } from '../../../common/validation';

/** Who is calling: filled in by the transport (and the session by the gate), trusted by handlers. */
export interface CallContext {
  transport: 'ipc' | 'ws';
  /** Stable id of the window or socket, for logs and per-client state. */
  clientId: string;
  /** The caller's session, once the gate has checked it. */
  session?: Session;
}

export type Handler<M extends MethodName> = (params: MethodParams<M>, ctx: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

/**
 * Checked after the params are parsed and before the handler runs: returns the context the handler
 * gets (with the session), or throws an AppError ('forbidden', 'unauthenticated') to refuse.
 */
export type Authorize = (method: MethodName, params: unknown, ctx: CallContext) => CallContext | Promise<CallContext>;

export interface Dispatcher {
  /** Both transports end here: method and params arrive as `unknown`, the answer is data. */
  call(method: unknown, params: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

const isMethodName = (value: unknown): value is MethodName =>
  typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);

/** Serialized size of params, or Infinity when they cannot be serialized at all (cycles, BigInt). */
function paramsBytes(params: unknown): number {
  try {
    const text = JSON.stringify(params ?? {});
    return text === undefined ? 0 : text.length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function createDispatcher(opts: {
  handlers: Handlers;
  authorize?: Authorize;
  onInternalError?: (method: string, err: unknown) => void;
}): Dispatcher {
  return {
    async call(method, params, ctx) {
      if (!isMethodName(method)) {
        return fail('unknown_method', `unknown method ${typeof method === 'string' ? JSON.stringify(method.slice(0, 100)) : `(${typeof method})`}`);
      }
      const size = paramsBytes(params);
      if (size > MAX_PARAMS_BYTES) {
        return fail('payload_too_large', `${method}: params of ${Number.isFinite(size) ? size : 'unserializable'} bytes exceed the limit of ${MAX_PARAMS_BYTES}`);
      }
      const parsed = methods[method].input.safeParse(params ?? {});
      if (!parsed.success) {
        return fail('invalid_params', describeProblems(method, problemsOf(parsed.error), 5));
      }
      try {
        const allowed = opts.authorize ? await opts.authorize(method, parsed.data, ctx) : ctx;
        const handler = opts.handlers[method] as Handler<MethodName>;
        return ok(await handler(parsed.data as never, allowed));
      } catch (err) {
        if (err instanceof AppError) return fail(err.code, err.message);
        opts.onInternalError?.(method, err);
        // Internal details stay in main's log; the client learns only that it failed.
        return fail('internal', `${method} failed`);
      }
    },
  };
}
