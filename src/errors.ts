/** An error that knows its HTTP status; the error handler renders it as {"error":{code,message,details}}. */
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badRequest(code: string, message: string, details?: unknown) {
    return new AppError(400, code, message, details);
  }
  static unauthorized(message = '请先登录 / please sign in') {
    return new AppError(401, 'unauthorized', message);
  }
  static forbidden(message = '您没有权限执行此操作 / you are not allowed to do this') {
    return new AppError(403, 'forbidden', message);
  }
  static notFound(entity: string, id: number | string) {
    return new AppError(404, 'not_found', `找不到该记录 / ${entity} ${id} not found`, { entity, id });
  }
  static conflict(code: string, message: string, details?: unknown) {
    return new AppError(409, code, message, details);
  }
}
