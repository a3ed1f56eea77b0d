/** A rule of the domain was broken; the HTTP layer turns it into 409 or 400 with this code and message. */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
