/**
 * Errors the bookmark service reports to callers; `code` crosses the contract as data
 * (`{ok:false, error:{code, message}}`).
 */
export type BookmarkErrorCode = 'invalid_input' | 'unknown_camera' | 'unknown_category' | 'not_found' | 'conflict' | 'storage' | 'closed';

export class BookmarkError extends Error {
  constructor(
    readonly code: BookmarkErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BookmarkError';
  }
}
