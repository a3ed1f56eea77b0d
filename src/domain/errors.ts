import { CodedError, type ErrorArgs, type ErrorKey, splitErrorArgs } from './error-codes.ts';

/** A rule of the domain was broken; the HTTP layer answers with the catalogue's status, code and words. */
export class DomainError<K extends ErrorKey = ErrorKey> extends CodedError<K> {
  override name = 'DomainError';
}

export function domainError<K extends ErrorKey>(key: K, ...args: ErrorArgs<K>): DomainError<K> {
  const { params, details } = splitErrorArgs(key, args);
  return new DomainError(key, params, details);
}
