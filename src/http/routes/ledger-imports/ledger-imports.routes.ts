import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  importLedgerPlannedFirst,
  listLedgerImports,
  previewLedgerImport,
  undoLedgerImport,
} from '../../../commands/ledger-import.commands.ts';
import { appError } from '../../../errors.ts';
import { prepareLedgerTemplate } from '../../../ledger-io/export/export.ts';
import { parseMappingJson } from '../../../ledger-io/import/mapping.ts';
import type { ImportMapping } from '../../../ledger-io/import/planner.ts';
import { scanLedgerInWorker } from '../../../ledger-io/import/read-in-worker.ts';
import { authorizeInspection } from '../../../policies/authorize.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import { idParams } from '../../schemas.ts';
import { fileResponses } from '../ledger-exports/ledger-exports.schema.ts';
import {
  LEDGER_IMPORT_DESCRIPTION,
  ledgerImportListResponses,
  ledgerImportResponses,
  undoParams,
  undoResponses,
} from './ledger-imports.schema.ts';

export const ledgerImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/inspections/:id/ledger-imports',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary: 'Import an Excel/CSV ledger (整改台账) into the inspection, or check it first (dryRun)',
        description: LEDGER_IMPORT_DESCRIPTION,
        params: idParams,
        consumes: ['multipart/form-data'],
        response: ledgerImportResponses,
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw appError('multipart_required');
      }
      const ctx = contextOf(app, request);
      // Refused (404 / 403) before anyone uploads a large file for nothing.
      const inspection = await authorizeInspection(ctx, request.params.id, 'importLedger');
      // The file is read twice (plan, then write), so it goes to disk first; the multipart limit caps its size.
      const dir = path.join(app.services.config.dataDir, 'tmp');
      await mkdir(dir, { recursive: true });
      const filePath = path.join(dir, `ledger-${randomBytes(12).toString('hex')}`);
      let fileName: string | null = null;
      let dryRun = false;
      let mapping: ImportMapping = {};
      let previewToken: string | undefined;
      let handedToJob = false;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (fileName !== null) {
              part.file.resume();
              continue;
            }
            fileName = part.filename || 'ledger';
            await pipeline(part.file, createWriteStream(filePath));
            if (part.file.truncated) throw appError('too_large');
          } else if (part.fieldname === 'dryRun') {
            dryRun = String(part.value) === 'true' || String(part.value) === '1';
          } else if (part.fieldname === 'mapping' && String(part.value).trim() !== '') {
            mapping = parseMappingJson(String(part.value));
          } else if (part.fieldname === 'previewToken' && String(part.value).trim() !== '') {
            previewToken = String(part.value).trim();
          }
        }
        if (fileName === null) {
          throw appError('ledger_file_required');
        }
        // 确认导入 applies what a preview showed: without its token there is nothing to confirm.
        if (!dryRun && previewToken === undefined) throw appError('ledger_import_preview_required');
        // The reading (exceljs, the planner) runs in a worker thread either way, so the event loop stays free.
        const input = { filePath, fileName, mapping, reader: scanLedgerInWorker };
        // The dry run still answers in the request: it writes nothing and holds no lock, so waiting for it costs the
        // other requests nothing, and the page shows its errors at once (seconds for 50,000 rows).
        if (dryRun) {
          const { token, ...preview } = await previewLedgerImport(ctx, request.params.id, input);
          return reply.status(200).send({ ...preview, previewToken: token });
        }
        const jobId = await app.services.jobs.start(
          { kind: 'ledger_import', ownerId: ctx.actor.id, unitPath: inspection.unitPath, phase: 'check' },
          async (report) => {
            try {
              return await importLedgerPlannedFirst(ctx, request.params.id, {
                ...input,
                previewToken,
                onProgress: (p) =>
                  report(
                    p.phase === 'write'
                      ? { phase: 'write', done: p.items, total: p.total ?? null }
                      : { phase: 'check', done: p.rows, total: null },
                  ),
              });
            } finally {
              await rm(filePath, { force: true });
            }
          },
        );
        handedToJob = true;
        return reply.status(202).send({ jobId });
      } finally {
        // From the 202 on, the file belongs to the job, which removes it when done.
        if (!handedToJob) await rm(filePath, { force: true });
      }
    },
  );

  app.get(
    '/inspections/:id/ledger-template.xlsx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary: 'The import template: the export’s layout headed for this inspection, with a 填写说明 sheet',
        params: idParams,
        response: fileResponses,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      const prepared = await prepareLedgerTemplate(ctx, request.params.id, app.services.config.immediateDeadlineDays);
      const body = new PassThrough();
      prepared.write(body).catch((error: unknown) => {
        request.log.error({ err: error }, 'template failed while streaming');
        body.destroy(error as Error);
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('attachment', prepared.fileName, 'ledger-template.xlsx'))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/inspections/:id/ledger-imports',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary: 'The inspection’s recent ledger imports, newest first, with until when each may be undone',
        params: idParams,
        response: ledgerImportListResponses,
      },
    },
    async (request) => listLedgerImports(contextOf(app, request), request.params.id),
  );

  app.post(
    '/inspections/:id/ledger-imports/:importId/undo',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['feedback'],
        summary:
          '撤销导入: within a day, delete the items an import created and restore the fields it changed (409 when any was changed since)',
        params: undoParams,
        response: undoResponses,
      },
    },
    async (request) => undoLedgerImport(contextOf(app, request), request.params.id, request.params.importId),
  );
};
