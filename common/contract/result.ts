/** Errors cross every transport as data, never as thrown exceptions. */
export type ErrorCode =
  | 'unknown_method'
  | 'invalid_params'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_input'
  | 'unavailable'
  | 'internal';

export interface AppErrorData {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Thrown inside main-side handlers; the dispatcher turns it into `{ok:false, error}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
