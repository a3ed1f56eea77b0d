import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportDirectory, importDirectory, previewDirectoryImport } from '../../../commands/directory.commands.ts';
import { today } from '../../../context.ts';
import { AppError, appError } from '../../../errors.ts';
import { canExchangeDirectory } from '../../../policies/policies.ts';
import { contextOf } from '../../auth.ts';
import { contentDisposition } from '../../download.ts';
import { receiveUpload } from '../../upload.ts';
import { checkResponses, DIRECTORY_IMPORT_DESCRIPTION, exportResponses, importResponses } from './directory.schema.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/directory/export.xlsx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Units, departments and accounts under your unit as one .xlsx workbook (system administrator)',
        response: exportResponses,
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      const file = await exportDirectory(ctx);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('attachment', `通讯录-${today(ctx)}.xlsx`, 'directory.xlsx'))
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  /** Both uploads: refused before the file is received when the sender may not import at all. */
  const upload = async (request: Parameters<typeof contextOf>[1]) => {
    const ctx = contextOf(app, request);
    if (!canExchangeDirectory(ctx.actor)) throw AppError.forbidden();
    const received = await receiveUpload(request, app.services.config.dataDir, 'directory');
    if (received.fileName === null) {
      await received.remove();
      throw appError('directory_file_required');
    }
    return { ctx, received, input: { filePath: received.filePath, fileName: received.fileName } };
  };

  app.post(
    '/directory/imports/check',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Check a directory workbook (dry run): what it would add and change, every problem; writes nothing',
        description: DIRECTORY_IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        response: checkResponses,
      },
    },
    async (request) => {
      const { ctx, received, input } = await upload(request);
      try {
        return await previewDirectoryImport(ctx, input);
      } finally {
        await received.remove();
      }
    },
  );

  app.post(
    '/directory/imports',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['organisation'],
        summary: 'Import a directory workbook: every addition and change in one transaction, or nothing',
        description: DIRECTORY_IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        response: importResponses,
      },
    },
    async (request, reply) => {
      const { ctx, received, input } = await upload(request);
      try {
        const planId = received.fields.planId?.trim() || undefined;
        // The answer carries one-time passwords: no cache may keep it.
        return reply.header('cache-control', 'no-store').send(await importDirectory(ctx, { ...input, planId }));
      } finally {
        await received.remove();
      }
    },
  );
};
