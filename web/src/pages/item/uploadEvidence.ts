import { uploadWithProgress } from '../../api/client.ts';

export interface EvidenceFields {
  effectiveOn: string;
  note: string | null;
  measureId: number | null;
}

/** One evidence file with its fields; resolves to the new evidence's id. */
export async function uploadEvidence(
  itemId: number,
  file: File,
  fields: EvidenceFields,
  onProgress: (percent: number) => void,
): Promise<number> {
  const form = new FormData();
  // The server reads the fields that precede the file part, so they go first.
  form.append('effectiveOn', fields.effectiveOn);
  if (fields.note) form.append('note', fields.note);
  if (fields.measureId !== null) form.append('measureId', String(fields.measureId));
  form.append('file', file, file.name);
  const created = await uploadWithProgress<{ id: number }>(`/api/items/${itemId}/evidence`, form, onProgress);
  return created.id;
}
