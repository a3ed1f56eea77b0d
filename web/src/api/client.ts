/**
 * One way to call the API: the typed client generated from the server's OpenAPI document (generated/schema.ts), with
 * the CSRF token on every write and errors as ApiError with the server's code and its message in the page's language.
 * A 401 asks the session layer to sign in again and then repeats the call, so the page (and what was being typed)
 * stays where it was.
 */
import createClient, { type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import { storedLang } from '../i18n/index.tsx';
import type { paths } from './generated/schema.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let reauthenticate: (() => Promise<void>) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Installed by the session provider: resolves once the user has signed in again. */
export function onSessionExpired(handler: (() => Promise<void>) | null) {
  reauthenticate = handler;
}

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试 / cannot reach the server';
const networkError = () => new ApiError(0, 'network', NETWORK_MESSAGE);
const isAbort = (error: unknown) => (error as Error | null)?.name === 'AbortError';

/** Read at each attempt, so a call repeated after signing in again carries the new session's token. */
function headersFor(method: string): Record<string, string> {
  // Refusals come back in the page's language.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': storedLang() };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

export async function toApiError(response: Response): Promise<ApiError> {
  const payload = await response.json().catch(() => null);
  const e = payload?.error;
  return new ApiError(
    response.status,
    e?.code ?? 'http_error',
    e?.message ?? `请求失败（${response.status}） / the request failed (${response.status})`,
    e?.details ?? null,
  );
}

/** Signing in and asking who is signed in answer 401 as their result, not because a session expired. */
const SIGN_IN_PATHS = new Set(['/api/auth/login', '/api/auth/login/second-factor', '/api/auth/session']);

/** One attempt, repeated once after the user has signed in again; an answer that is not OK becomes an ApiError. */
async function settled(path: string, attempt: () => Promise<Response>): Promise<Response> {
  let response = await attempt();
  if (response.status === 401 && reauthenticate && !SIGN_IN_PATHS.has(path)) {
    await reauthenticate();
    response = await attempt();
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Sends a request as fetch does, but a failure to reach the server is an ApiError the pages can show. */
async function send(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
}

/**
 * A copy of each request as it left, kept until its answer: a body can be read only once, and a call refused with 401
 * is sent again after signing in.
 */
const unsent = new Map<string, Request>();

const session: Middleware = {
  onRequest({ request, id }) {
    for (const [name, value] of Object.entries(headersFor(request.method))) request.headers.set(name, value);
    unsent.set(id, request.clone());
    return request;
  },
  async onResponse({ response, schemaPath, id }) {
    const copy = unsent.get(id);
    unsent.delete(id);
    let first = true;
    return settled(schemaPath, async () => {
      if (first) {
        first = false;
        return response;
      }
      if (!copy) return response;
      // The session after signing in again has a new CSRF token.
      for (const [name, value] of Object.entries(headersFor(copy.method))) copy.headers.set(name, value);
      return send(copy);
    });
  },
  onError({ error, id }) {
    unsent.delete(id);
    if (isAbort(error) || error instanceof ApiError) return error as Error;
    return networkError();
  },
};

/** The typed client: paths, parameters, bodies and answers come from generated/schema.ts. */
export const client = createClient<paths>({ querySerializer: (params) => searchParams(params as QueryParams) });
client.use(session);

/**
 * The data of a call. Every refusal has already been thrown as ApiError by the middleware, so what arrives here is the
 * answer the path's schema describes.
 */
export async function data<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const result = await call;
  return result.data as D;
}

export type Path = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends Path, M extends Method> = M extends keyof paths[P] ? paths[P][M] : never;
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessStatus = 200 | 201 | 202 | 204;

/** What a path answers on success, e.g. `ResponseOf<'/api/items/{id}'>` is an item's detail. */
export type ResponseOf<P extends Path, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? JsonContent<R[SuccessStatus & keyof R]> : never;
/** The JSON body a path takes. */
export type BodyOf<P extends Path, M extends Method = 'post'> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
/** The query string a path takes. */
export type QueryOf<P extends Path, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** One element of a list in an answer, e.g. `ElementOf<ResponseOf<'/api/rounds'>['rounds']>` is a round. */
export type ElementOf<T> = NonNullable<T> extends readonly (infer E)[] ? E : never;
/** The options a typed call takes for a path: its path and query parameters. */
export type InitOf<P extends Path, M extends Method & keyof paths[P] = 'get' & keyof paths[P]> = MaybeOptionalInit<
  paths[P],
  M
>;

type QueryParams = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

/** A query string from the set values only (arrays repeat the key, as the API expects), without the "?". */
export function searchParams(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.set(key, String(value));
  }
  return search.toString();
}

/** A query string for a link or an address: "?" and the set values, or nothing. */
export function query(params: QueryParams): string {
  const s = searchParams(params);
  return s ? `?${s}` : '';
}

/** A path with its parameters filled in, for links the browser follows itself (a file opened in a new tab). */
export function href<P extends Path>(
  path: P,
  params: { path?: Record<string, string | number>; query?: QueryParams } = {},
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name])));
  return `${filled}${query(params.query ?? {})}`;
}

/**
 * An upload's body: the fields first, then the file, because the server reads the fields that precede the file part.
 * A field given as null or undefined (or empty) is left out.
 */
export function multipartBody(fields: Record<string, string | number | null | undefined>, file: File): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    if (value != null && value !== '') form.append(name, String(value));
  form.append('file', file, file.name);
  return form;
}

/** A multipart POST through XMLHttpRequest, which (unlike fetch) reports how much of the body has gone up. */
function sendWithProgress(
  url: string,
  form: FormData,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    const finish = () => signal?.removeEventListener('abort', abort);
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headersFor('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      // 100 is kept for the server's answer: the last byte sent is not yet the file stored.
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      finish();
      const empty = xhr.status === 204 || xhr.responseText === '';
      resolve(
        new Response(empty ? null : xhr.responseText, {
          status: xhr.status,
          headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
        }),
      );
    };
    xhr.onerror = () => {
      finish();
      reject(networkError());
    };
    xhr.onabort = () => {
      finish();
      reject(signal?.reason ?? new DOMException('The upload was aborted', 'AbortError'));
    };
    xhr.send(form);
  });
}

type UploadPath = { [P in Path]: 'post' extends keyof paths[P] ? P : never }[Path];

/**
 * An upload with a progress bar: the same CSRF token, error shaping and re-sign-in on 401 as the client; after signing
 * in again the whole form is sent once more, from 0 %.
 */
export async function uploadWithProgress<P extends UploadPath>(
  path: P,
  params: { path?: Record<string, string | number> },
  form: FormData,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<ResponseOf<P, 'post'>> {
  const url = href(path, params);
  const response = await settled(path, () => {
    onProgress(0);
    return sendWithProgress(url, form, onProgress, signal);
  });
  onProgress(100);
  return response.status === 204 ? (undefined as ResponseOf<P, 'post'>) : response.json();
}

/** Saves a download under the server's file name (Content-Disposition, UTF-8). */
export async function download(url: string, fallbackName: string) {
  const path = new URL(url, window.location.href).pathname;
  const response = await settled(path, () => send(new Request(url, { headers: headersFor('GET') })));
  const disposition = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = utf8 ? decodeURIComponent(utf8[1]) : (plain?.[1] ?? fallbackName);
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}
