// Errors that services throw and the route wrapper turns into `{ error: { code, message } }`.
export type ErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'quota_exceeded'
  | 'internal_error'
  | 'not_ready';

const STATUS: Record<ErrorCode, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  quota_exceeded: 429,
  internal_error: 500,
  // Something a worker is still preparing (quiz rounds): retry after Retry-After seconds.
  not_ready: 503,
};

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds, sent as Retry-After (throttling). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);
export const badRequest = (message: string, details?: unknown) => new ApiError('validation_error', message, details);
export const conflict = (message: string) => new ApiError('conflict', message);
export const forbidden = (message = 'You do not have permission to do that') => new ApiError('forbidden', message);
