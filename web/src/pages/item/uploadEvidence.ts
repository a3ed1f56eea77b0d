import { ApiError, api, toApiError } from '../../api/client.ts';
import type { Session } from '../../api/types.ts';

export interface EvidenceFields {
  effectiveOn: string;
  note: string | null;
  measureId: number | null;
}

/**
 * fetch() cannot report upload progress, so evidence goes up through XMLHttpRequest. The session call first refreshes
 * the CSRF token and, when the session has expired, asks the user to sign in again before any bytes are sent.
 */
export async function uploadEvidence(
  itemId: number,
  file: File,
  fields: EvidenceFields,
  onProgress: (percent: number) => void,
): Promise<number> {
  const session = await api<Session>('/api/auth/session');
  const form = new FormData();
  // The server reads the fields that precede the file part, so they go first.
  form.append('effectiveOn', fields.effectiveOn);
  if (fields.note) form.append('note', fields.note);
  if (fields.measureId !== null) form.append('measureId', String(fields.measureId));
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/items/${itemId}/evidence`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', session.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = async () => {
      const response = new Response(xhr.responseText || null, { status: xhr.status });
      if (xhr.status === 201) {
        onProgress(100);
        resolve((JSON.parse(xhr.responseText) as { id: number }).id);
      } else reject(await toApiError(response));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试 / cannot reach the server'));
    xhr.send(form);
  });
}
