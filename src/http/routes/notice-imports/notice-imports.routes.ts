import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type ImportRequest,
  importNotice,
  planRefusal,
  previewNoticeImport,
} from '../../../commands/notice-import.commands.ts';
import type { CommandContext } from '../../../context.ts';
import { isIsoDate } from '../../../domain/dates.ts';
import { AppError, appError, appErrorFrom } from '../../../errors.ts';
import { noticeTextFromBytes, sha256Hex } from '../../../notices/import/source.ts';
import { MAX_NOTICE_BYTES, NoticeInputError, parseNoticeText } from '../../../notices/parse.ts';
import { MAX_PASTED_BYTES, textOfPasted } from '../../../notices/read-pasted.ts';
import { canManageInspections } from '../../../policies/policies.ts';
import { actorOf, contextOf } from '../../auth.ts';
import { importResponses, pastedImportBody } from './notice-imports.schema.ts';

const ID_FIELDS = ['unitId', 'roundId', 'teamId'] as const;
const DATE_FIELDS = ['from', 'to', 'feedbackOn'] as const;
const KNOWN_FIELDS = new Set<string>([...ID_FIELDS, ...DATE_FIELDS, 'confirm']);

interface Upload {
  bytes: Buffer;
  fileName: string;
  fields: Map<string, string>;
}

/** Reads the whole form, fields before or after the file; the file is bounded by the notice limit, not the evidence one. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw appError('multipart_required');
  }
  let file: { bytes: Buffer; fileName: string } | null = null;
  const fields = new Map<string, string>();
  for await (const part of request.parts({ limits: { fileSize: MAX_NOTICE_BYTES } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (file === null) file = { bytes, fileName: part.filename || 'notice.txt' };
    } else {
      fields.set(part.fieldname, String(part.value));
    }
  }
  if (!file) throw appError('notice_file_required');
  return { ...file, fields };
}

function importRequestOf(fields: Map<string, string>): { request: ImportRequest; confirm: boolean } {
  const problems: { field: string; message: string }[] = [];
  for (const name of fields.keys()) {
    if (!KNOWN_FIELDS.has(name)) problems.push({ field: name, message: 'unknown field' });
  }
  const ids: Partial<Record<(typeof ID_FIELDS)[number], number>> = {};
  for (const name of ID_FIELDS) {
    const raw = fields.get(name)?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
      problems.push({ field: name, message: 'must be a positive integer' });
    else ids[name] = Number(raw);
  }
  if (ids.unitId === undefined && !problems.some((p) => p.field === 'unitId'))
    problems.push({ field: 'unitId', message: 'required' });
  if (ids.roundId === undefined && !problems.some((p) => p.field === 'roundId'))
    problems.push({ field: 'roundId', message: 'required' });
  const dates: Partial<Record<(typeof DATE_FIELDS)[number], string>> = {};
  for (const name of DATE_FIELDS) {
    const raw = fields.get(name)?.trim();
    if (raw === undefined || raw === '') continue;
    if (!isIsoDate(raw)) problems.push({ field: name, message: 'must be a date YYYY-MM-DD' });
    else dates[name] = raw;
  }
  const confirmRaw = fields.get('confirm')?.trim() ?? 'false';
  if (confirmRaw !== 'true' && confirmRaw !== 'false')
    problems.push({ field: 'confirm', message: 'must be true or false' });
  if (problems.length > 0 || ids.unitId === undefined || ids.roundId === undefined) {
    throw appError('form_fields_invalid', { fields: problems });
  }
  return {
    request: { unitId: ids.unitId, roundId: ids.roundId, teamId: ids.teamId, ...dates },
    confirm: confirmRaw === 'true',
  };
}

/** A reader's refusal (empty, too large, not a notice) as the request's error, with its words in the details too. */
async function readingInput(read: () => string | Promise<string>): Promise<string> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof NoticeInputError)) throw error;
    throw appErrorFrom(error, { errors: [error.message] });
  }
}

/** The one path after reading, whether the notice was uploaded or pasted: the plan, and the import on confirm. */
async function answer(
  ctx: CommandContext,
  reply: FastifyReply,
  text: string,
  target: ImportRequest,
  confirm: boolean,
  source: { fileName: string; sha256: string },
) {
  const plan = await previewNoticeImport(ctx, parseNoticeText(text), target);
  if (plan.errors.length > 0) throw planRefusal(plan);
  if (!confirm) return reply.status(200).send(plan);
  const done = await importNotice(ctx, plan, source);
  return reply.status(201).send(done);
}

export const noticeImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/notice-imports',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notices'],
        summary:
          'Import a published notice (.txt, .docx, .pdf, a saved web page .html/.htm, .doc/.wps through LibreOffice) as an inspection with its problems, items and measures: a preview (200, the plan) unless confirm=true (201)',
        description:
          'multipart/form-data: file; fields unitId, roundId, teamId?, from?, to?, feedbackOn? (YYYY-MM-DD, override the notice), confirm=true|false. Nothing is written unless confirm=true and the plan has no errors.',
        consumes: ['multipart/form-data'],
        response: importResponses,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      // Refused before the upload is read: no one without the right should make the server buffer 20 MB.
      if (!canManageInspections(ctx.actor)) throw AppError.forbidden();
      const upload = await readUpload(request);
      const { request: target, confirm } = importRequestOf(upload.fields);
      const text = await readingInput(() => noticeTextFromBytes(upload.bytes, upload.fileName));
      return answer(ctx, reply, text, target, confirm, { fileName: upload.fileName, sha256: sha256Hex(upload.bytes) });
    },
  );

  app.post(
    '/notice-imports/pasted',
    {
      config: { access: 'signedIn' },
      // JSON escapes quotes and line breaks of a page's source: room for that, then the text itself is held to the
      // upload's limit (413 notice_paste_too_large) before anything is read.
      bodyLimit: 2 * MAX_PASTED_BYTES + 64 * 1024,
      // Refused before the body is parsed: no one without the right should make the server parse 40 MB of JSON.
      preParsing: async (request, _reply, payload) => {
        if (!canManageInspections(actorOf(request))) throw AppError.forbidden();
        return payload;
      },
      schema: {
        tags: ['notices'],
        summary:
          "Import a notice pasted in: a page's HTML (the clipboard's text/html, or a page's source) or its plain text, read as an uploaded file would be; a preview (200) unless confirm=true (201)",
        body: pastedImportBody,
        response: importResponses,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      if (!canManageInspections(ctx.actor)) throw AppError.forbidden();
      const { text: pasted, kind, confirm, ...ids } = request.body;
      const fields = new Map<string, string>();
      for (const [name, value] of Object.entries(ids)) if (value !== undefined) fields.set(name, String(value));
      fields.set('confirm', String(confirm ?? false));
      const { request: target } = importRequestOf(fields);
      const text = await readingInput(() => textOfPasted(pasted, kind));
      const bytes = Buffer.from(pasted, 'utf8');
      const fileName = kind === 'html' ? 'pasted.html' : 'pasted.txt';
      return answer(ctx, reply, text, target, confirm === true, { fileName, sha256: sha256Hex(bytes) });
    },
  );
};
