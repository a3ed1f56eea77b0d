import {
  CodedError,
  type ErrorArgs,
  type ErrorKey,
  type ErrorParams,
  type ForbiddenKey,
  splitErrorArgs,
} from './domain/error-codes.ts';

/** The keys whose words name no value, so they are thrown by key alone. */
export type PlainErrorKey = { [K in ErrorKey]: unknown extends ErrorParams<K> ? K : never }[ErrorKey];

/**
 * A refusal outside the domain's rules (a missing record, a bad upload, who may ask), by its key in the catalogue
 * (src/domain/error-codes.ts); the error handler renders it as {"error":{code,message,details}}.
 */
export class AppError<K extends ErrorKey = ErrorKey> extends CodedError<K> {
  override name = 'AppError';

  static notFound(entity: string, id: number | string) {
    return appError('not_found', { entity, id }, { entity, id });
  }
  static forbidden(key: ForbiddenKey = 'forbidden') {
    return appError(key);
  }
  static unauthorized(key: 'unauthorized' | 'session_expired' | 'wrong_credentials' = 'unauthorized') {
    return appError(key);
  }
}

/** `appError('deadline_before_feedback', { deadline, feedbackOn }, details)`; a key whose words name nothing takes the details alone. */
export function appError<K extends ErrorKey>(key: K, ...args: ErrorArgs<K>): AppError<K> {
  const { params, details } = splitErrorArgs(key, args);
  return new AppError(key, params, details);
}

/** The same refusal with the details a caller adds (a document error turned into an HTTP answer). */
export function appErrorFrom<K extends ErrorKey>(error: CodedError<K>, details: unknown): AppError<K> {
  return new AppError(error.key, error.params, details);
}

/**
 * SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100): a write refused for want of space, not a bug. The error handler
 * answers it as 503 storage_full, which the person can act on, wherever it happens.
 */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}
