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
 * SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100), the file system's ENOSPC and EDQUOT (an upload into a full
 * evidence folder): a write refused for want of space, not a bug. The error handler answers it as 507 storage_full,
 * which tells the person to call the administrator, wherever it happens.
 */
/**
 * An error of the S3 client that escaped the store (a bucket unreachable, a refused key, the store's own 5xx): the SDK
 * marks each with `$metadata`. The store answers "not there" itself, so anything else is the store failing, not the
 * request.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const e = error as { $metadata?: unknown; name?: unknown } | null;
  return (typeof e?.$metadata === 'object' && e.$metadata !== null) || e?.name === 'StorageUnavailableError';
}

export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC' || code === 'EDQUOT';
}
