import { ApiError, api, toApiError } from '../../api/client.ts';
import type { Session } from '../../api/types.ts';

/**
 * A multipart POST that reports upload progress, which fetch cannot. It takes the CSRF token from the session the way
 * the shell does; a 401 goes through api() once (which asks the user to sign in again) and the upload is then repeated.
 */
export async function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (percent: number) => void,
): Promise<T> {
  const attempt = async () => {
    const { csrfToken } = await api<Session>('/api/auth/session');
    return new Promise<{ status: number; response: Response }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.withCredentials = true;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onload = () =>
        resolve({
          status: xhr.status,
          response: new Response(xhr.status === 204 ? null : xhr.responseText, {
            status: xhr.status,
            headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
          }),
        });
      xhr.onerror = () =>
        reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试 / cannot reach the server'));
      xhr.send(form);
    });
  };
  let result: { status: number; response: Response };
  try {
    result = await attempt();
  } catch (error) {
    // The session check itself met a 401 without re-sign-in (it is the one call that never asks): ask through an
    // ordinary call, then try once more.
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    await api('/api/inspections');
    result = await attempt();
  }
  if (!result.response.ok) throw await toApiError(result.response);
  return (await result.response.json()) as T;
}
