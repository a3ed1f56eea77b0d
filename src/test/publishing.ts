import type { TestClient } from './api.ts';

/**
 * Issue 15: publishing goes through the workflow. A test that needs a published notice drafts it as the unit's
 * publisher, submits it, and has the unit's leader approve it (the office too when the test's configuration asks).
 * Returns the first response that was not a success, or the approval's (200, the version with its publicationId).
 */
export async function publishViaWorkflow(
  publisher: TestClient,
  leader: TestClient,
  inspectionId: number,
  period: { publicFrom: string; publicTo: string },
  office?: TestClient,
) {
  const draft = await publisher.post(`/api/inspections/${inspectionId}/publication-versions`, period);
  if (draft.statusCode !== 201) return draft;
  const { id, version } = draft.json<{ id: number; version: number }>();
  const submitted = await publisher.post(`/api/publication-versions/${id}/submit`, { version });
  if (submitted.statusCode !== 200) return submitted;
  const approved = await leader.post(`/api/publication-versions/${id}/approve`, {
    version: submitted.json<{ version: number }>().version,
  });
  if (approved.statusCode !== 200 || !office) return approved;
  return office.post(`/api/publication-versions/${id}/approve`, {
    version: approved.json<{ version: number }>().version,
  });
}

/** The publication a workflow response made (its publicationId). */
export const publicationOf = (res: { json: <T>() => T }) => res.json<{ publicationId: number }>().publicationId;
