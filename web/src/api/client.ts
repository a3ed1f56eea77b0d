/**
 * One way to call the API: JSON in and out, the CSRF token on every write, errors as ApiError with the server's
 * bilingual message. A 401 asks the session layer to sign in again and then repeats the call, so the page (and what
 * was being typed) stays where it was.
 */
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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** For uploads: sent as is, without a JSON content type. */
  form?: FormData;
  signal?: AbortSignal;
}

const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试 / cannot reach the server';

/** Read at each attempt, so a call repeated after signing in again carries the new session's token. */
function headersFor(method: string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

async function send(url: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? (options.body !== undefined || options.form ? 'POST' : 'GET');
  const headers = headersFor(method);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(url, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
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

/** One attempt, repeated once after the user has signed in again; an answer that is not OK becomes an ApiError. */
async function settled(url: string, attempt: () => Promise<Response>): Promise<Response> {
  let response = await attempt();
  if (response.status === 401 && reauthenticate && url !== '/api/auth/login' && url !== '/api/auth/session') {
    await reauthenticate();
    response = await attempt();
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Calls the API and returns the raw response once it is OK (downloads use this). */
export function apiResponse(url: string, options: RequestOptions = {}): Promise<Response> {
  return settled(url, () => send(url, options));
}

export async function api<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiResponse(url, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
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
      reject(new ApiError(0, 'network', NETWORK_MESSAGE));
    };
    xhr.onabort = () => {
      finish();
      reject(signal?.reason ?? new DOMException('The upload was aborted', 'AbortError'));
    };
    xhr.send(form);
  });
}

/**
 * An upload with a progress bar: the same CSRF token, error shaping and re-sign-in on 401 as api(); after signing in
 * again the whole form is sent once more, from 0 %.
 */
export async function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const response = await settled(url, () => {
    onProgress(0);
    return sendWithProgress(url, form, onProgress, signal);
  });
  onProgress(100);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A query string from the set values only (arrays repeat the key, as the API expects). */
export function query(params: Record<string, string | number | boolean | null | undefined | (string | number)[]>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Saves a download under the server's file name (Content-Disposition, UTF-8). */
export async function download(url: string, fallbackName: string) {
  const response = await apiResponse(url);
  const disposition = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = utf8 ? decodeURIComponent(utf8[1]) : (plain?.[1] ?? fallbackName);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
