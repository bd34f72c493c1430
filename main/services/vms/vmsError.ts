/**
 * Why a delivery to a VMS did not succeed, classified for the outbox: a permanent failure
 * (the VMS refused: 4xx, bad credentials, a camera it does not know) is shown with the VMS's own
 * message and not retried; anything else (refused connection, timeout, 5xx) is retried.
 */
export class VmsError extends Error {
  readonly permanent: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(message: string, options: { permanent: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'VmsError';
    this.permanent = options.permanent;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * 408 (request timeout) and 429 (too many requests) are 4xx by number but say "try again" by
 * definition, so they are retried like 5xx; every other 4xx is permanent.
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Turns whatever an adapter threw into the outbox's terms; unknown errors are retried. */
export function toDeliveryFailure(error: unknown): { permanent: boolean; message: string; status?: number; retryAfterMs?: number } {
  if (error instanceof VmsError) return { permanent: error.permanent, message: error.message, status: error.status, retryAfterMs: error.retryAfterMs };
  return { permanent: false, message: error instanceof Error ? error.message : String(error) };
}
