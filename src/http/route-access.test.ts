import Fastify, { type HTTPMethods, type InjectOptions, type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { insertClue } from '../repositories/clues.repository.ts';
import { insertComment } from '../repositories/comments.repository.ts';
import { insertExtension } from '../repositories/extensions.repository.ts';
import { insertEvidence } from '../repositories/item-parts.repository.ts';
import { insertJob } from '../repositories/jobs.repository.ts';
import { insertNotifications } from '../repositories/notifications.repository.ts';
import { insertReportSubmission } from '../repositories/report-submissions.repository.ts';
import { insertLookback } from '../repositories/supervision.repository.ts';
import { insertOrderFile } from '../repositories/supervision-documents.repository.ts';
import { insertView } from '../repositories/views.repository.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../test/api.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, noticeWriting, TEST_NOW, type World } from '../test/factories.ts';
import { publicationOf, publishViaWorkflow } from '../test/publishing.ts';
import { sampleOf } from '../test/schema-sample.ts';
import { declareRouteAccess, isRouteAccess } from './access.ts';

/** Each route once, by the method it answers (HEAD is Fastify's copy of a GET). */
function routesOf(t: TestApp): { method: HTTPMethods; url: string; route: RouteOptions }[] {
  return t.app.routeList.flatMap((route) =>
    [route.method]
      .flat()
      .filter((method) => method !== 'HEAD')
      .map((method) => ({ method: method as HTTPMethods, url: route.url, route })),
  );
}

/** The routes open to anyone: adding one is a decision this list makes visible. */
const PUBLIC_ROUTES = [
  'GET /',
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'GET /metrics',
  'POST /api/auth/login',
  'POST /api/auth/login/second-factor',
  'GET /public',
  'GET /public/notices/:id',
  // Issue 15: an earlier text of a corrected notice (更正前版本).
  'GET /public/notices/:id/versions/:number',
  'GET /public/assets/portal.css',
  'GET /public/assets/comment.js',
  'GET /public/assets/favicon.svg',
  'POST /api/public/notices/:id/comments',
  // Issue 15, point 4: the notice's 群众满意度测评, answered without signing in.
  'POST /api/public/notices/:id/satisfaction',
  // Issue 15: the citizen's receipt pages (lookups rate-limited per address).
  'GET /public/comments',
  'GET /public/comments/:receipt',
  'GET /api/public/comments/:receipt',
  // Single sign-on (issue 13): the sign-in page's button, and the flow a browser follows before it has a session.
  'GET /api/auth/methods',
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
];

/**
 * What a user of another unit gets from each route that takes an id, called with the id of unit A's resource: 404 (it
 * does not exist for them), or 403 where the route is refused to the role whatever the id (the committee's rounds,
 * teams and accounts, the inspection's own record). `scoped`: a round-wide read that answers with the caller's own rows
 * only, so unit A's name must not appear in it. `refused`: 403 to a role that may not use the route at all, 404 to one
 * that may on its own unit (a unit's channels), never naming unit A. Never 400 from a valid body. A new id-taking route fails the walk until
 * it is here.
 */
const OTHER_UNIT: Record<string, 403 | 404 | 'scoped' | 'refused'> = {
  'PATCH /api/units/:id': 403,
  'DELETE /api/api-tokens/:id': 404,
  'DELETE /api/auth/sessions/:id': 404,
  'PATCH /api/users/:id': 403,
  'POST /api/users/:id/unlock': 403,
  'DELETE /api/users/:id/sessions': 403,
  'POST /api/rounds/:id/aspects': 403,
  'PATCH /api/rounds/:id': 403,
  'POST /api/rounds/:id/archive': 403,
  'DELETE /api/rounds/:id/archive': 403,
  'PUT /api/rounds/:id/aspect-order': 403,
  'PATCH /api/aspects/:id': 403,
  'PATCH /api/teams/:id': 403,
  'GET /api/rounds/:id/overview': 'scoped',
  'GET /api/rounds/:id/common-problems': 'scoped',
  'POST /api/rounds/:id/common-problems/orders': 403,
  // Issue 15: the office's aspect mapping between rounds.
  'GET /api/rounds/:id/aspect-mappings/:earlierRoundId': 403,
  'PUT /api/rounds/:id/aspect-mappings/:earlierRoundId': 403,
  'GET /api/inspections/:id': 404,
  'PATCH /api/inspections/:id': 403,
  'POST /api/inspections/:id/problems': 404,
  'POST /api/inspections/:id/work-log': 404,
  'PATCH /api/problems/:id': 404,
  'GET /api/items/:id': 404,
  'PATCH /api/items/:id': 404,
  'POST /api/items/:id/transitions': 404,
  'POST /api/items/:id/progress': 404,
  'POST /api/items/:id/measures': 404,
  'POST /api/items/:id/outcomes': 404,
  'POST /api/items/:id/evidence': 404,
  'GET /api/evidence/:id/file': 404,
  'GET /api/items/:id/history': 404,
  'PATCH /api/measures/:id': 404,
  'GET /api/inspections/:id/documents/notice/lint': 404,
  'GET /api/inspections/:id/documents/:kind': 404,
  'GET /api/inspections/:id/documents/:kind/draft': 404,
  'PUT /api/inspections/:id/documents/:kind/draft': 404,
  'POST /api/inspections/:id/ledger-imports': 404,
  // Issue 14: the import template, the inspection's imports and their undo are the importers'.
  'GET /api/inspections/:id/ledger-template.xlsx': 404,
  'GET /api/inspections/:id/ledger-imports': 404,
  'POST /api/inspections/:id/ledger-imports/:importId/undo': 404,
  'GET /api/inspections/:id/ledger.xlsx': 404,
  'GET /api/inspections/:id/binder.zip': 404,
  // Background jobs (issue 12): a job is its owner's and the office's; the binder job is refused as the binder is.
  'POST /api/inspections/:id/binder-jobs': 404,
  'GET /api/jobs/:id': 404,
  'GET /api/jobs/:id/file': 404,
  'GET /api/plan/inspections/:id': 404,
  'DELETE /api/views/:id': 404,
  'GET /api/publications/:id': 404,
  'GET /api/inspections/:id/publications/preview': 404,
  'POST /api/publications/:id/withdraw': 404,
  'GET /api/publications/:id/comments': 404,
  // Issue 15, point 4: a notice's questionnaire results.
  'GET /api/publications/:id/satisfaction': 404,
  'POST /api/comments/:id/answer': 404,
  // Issue 15: a comment's page, 转办, link to an item, the supervisors' remarks (refused by role to units), an item's comments.
  'GET /api/comments/:id': 404,
  'POST /api/comments/:id/transfer': 404,
  'POST /api/comments/:id/item': 404,
  'POST /api/comments/:id/remarks': 'refused',
  'GET /api/items/:id/comments': 404,
  'POST /api/notifications/:id/read': 404,
  'POST /api/supervision/orders/:id/answer': 404,
  'POST /api/supervision/orders/:id/close': 404,
  'POST /api/supervision/orders/:id/return': 404,
  'POST /api/items/:id/lookbacks': 404,
  'POST /api/lookbacks/:id/result': 404,
  'POST /api/inspections/:id/carry-over': 404,
  'GET /api/inspections/:id/carried-over': 404,
  'GET /api/inspections/:id/repeats': 404,
  // Issue 13: 延期申请 and the plan's submission are the item's and the inspection's; a unit's channels its own.
  'POST /api/inspections/:id/plan-submission': 404,
  'GET /api/items/:id/extensions': 404,
  'POST /api/items/:id/extensions': 404,
  'POST /api/extensions/:id/decision': 404,
  'GET /api/units/:id/channels': 'refused',
  'PATCH /api/units/:id/channels': 'refused',
  // Issue 14: removing evidence and printing the 销号审批表 are the item's.
  'DELETE /api/evidence/:id': 404,
  'GET /api/items/:id/closeout-form.docx': 404,
  // Issue 15: a unit's 报送 is its inspection's; the round's summary upward and who has submitted are the office's.
  'GET /api/inspections/:id/report-submission': 404,
  'POST /api/inspections/:id/report-submission': 404,
  'GET /api/report-submissions/:id/file': 404,
  'GET /api/rounds/:id/summary': 403,
  // Issue 15 (point 1): publishing as a workflow; a version is its inspection's.
  'GET /api/inspections/:id/publishing': 404,
  'POST /api/inspections/:id/publication-versions': 404,
  'GET /api/publication-versions/:id': 404,
  'POST /api/publication-versions/:id/submit': 404,
  'POST /api/publication-versions/:id/approve': 404,
  'POST /api/publication-versions/:id/return': 404,
  'GET /api/rounds/:id/summary.xlsx': 403,
  'GET /api/rounds/:id/summary.docx': 403,
  // Issue 15 (问题线索): the office's and the supervisors' only, refused to every other role whatever the id.
  'GET /api/clues/:id': 403,
  'PATCH /api/clues/:id': 403,
  'POST /api/clues/:id/unmark': 403,
  'POST /api/clues/:id/hand-over': 403,
  'POST /api/clues/:id/steps': 403,
  'PUT /api/clues/:id/outcome': 403,
  'GET /api/items/:id/clues': 403,
  'POST /api/items/:id/clue': 403,
  'POST /api/problems/:id/clue': 403,
  // Issue 15 (督办 as documents): an order's edit, recall, 通知书 and its answer's files are the order's.
  'PATCH /api/supervision/orders/:id': 404,
  'POST /api/supervision/orders/:id/recall': 404,
  'GET /api/supervision/orders/:id/document.docx': 404,
  'GET /api/supervision/orders/:id/document.pdf': 404,
  // Issue 16: the 督办通知书 as OFD, and an evidence file's preview (OFD as pages, Office through LibreOffice).
  'GET /api/supervision/orders/:id/document.ofd': 404,
  'GET /api/evidence/:id/preview': 404,
  'POST /api/supervision/orders/:id/files': 404,
  'GET /api/supervision/order-files/:id': 404,
  'DELETE /api/supervision/order-files/:id': 404,
  'GET /api/rounds/:id/report-submissions': 403,
};

/** `/api/items/:id` → `/%61pi/items/:id`: routing decodes it to the same route, a prefix test on the URL would not. */
const encoded = (url: string) => url.replace(/^\/api\//, '/%61pi/');

describe('route access declarations', () => {
  it('refuses to start with a route that declares no access', async () => {
    const app = Fastify();
    declareRouteAccess(app);
    expect(() => app.get('/api/forgotten', async () => 'open')).toThrow(/GET \/api\/forgotten declares no access/);
    await app.close();
  });
});

describe.each(testDialects())('every route of the app on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  /** For each path parameter's route, the id of unit A's resource. */
  let idFor: (url: string) => number | string;

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    const db = handle.db;
    const unitAdminA = w.users.unitAdminA;
    const measure = await db
      .selectFrom('measures')
      .select('id')
      .where('item_id', '=', w.itemA1)
      .executeTakeFirstOrThrow();
    const evidence = await insertEvidence(
      db,
      {
        itemId: w.itemA1,
        measureId: measure.id,
        fileName: '整改台账.pdf',
        contentType: 'application/pdf',
        sizeBytes: 4,
        sha256: '0'.repeat(64),
        effectiveOn: w.feedbackOn,
        note: null,
        uploadedBy: unitAdminA.id,
      },
      TEST_NOW,
    );
    const view = await insertView(db, unitAdminA.id, { page: 'ledger', name: '我的视图', state: {} }, TEST_NOW);
    await insertNotifications(
      db,
      [{ userId: unitAdminA.id, kind: 'deadline', title: '即将到期', body: '', link: null }],
      TEST_NOW.toISOString(),
    );
    const notification = await db.selectFrom('notifications').select('id').executeTakeFirstOrThrow();
    const lookback = await insertLookback(db, {
      itemId: w.itemA1,
      dueOn: '2026-09-30',
      scheduledBy: w.users.office.id,
    });
    const sent = await office.post('/api/supervision/orders', {
      targets: [{ unitId: w.unitA.id }],
      title: '督促加快整改进度',
      content: '请于期限内报送整改进展。',
      dueOn: '2026-09-30',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const draft = await office.inject({
      method: 'PUT',
      url: `/api/inspections/${w.inspectionA}/documents/notice/draft`,
      payload: { version: 0, ...noticeWriting(`中共${w.unitA.name}党组`) },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const published = await publishViaWorkflow(office, await t.login('leadera'), w.inspectionA, {
      publicFrom: '2026-08-15',
      publicTo: '2026-08-29',
    });
    expect(published.statusCode, published.body).toBe(200);
    const publication = { id: publicationOf(published) };
    const comment = await insertComment(db, {
      publicationId: publication.id,
      content: '整改要落到实处',
      name: null,
      contact: null,
      addressHash: 'x',
      at: TEST_NOW.toISOString(),
    });
    const ownSide = await t.login('unitadmina');
    const token = await ownSide.post('/api/api-tokens', { name: '台账同步脚本' });
    expect(token.statusCode, token.body).toBe(201);
    const session = (await ownSide.get('/api/auth/sessions')).json().sessions[0].id as string;
    const job = await insertJob(db, { kind: 'binder', ownerId: unitAdminA.id, unitPath: w.unitA.path }, TEST_NOW);
    const extension = await insertExtension(
      db,
      {
        itemId: w.itemA1,
        fromDeadline: null,
        toDeadline: '2026-12-31',
        reason: '需协调上级部门',
        evidenceIds: [],
        needsOffice: false,
        requestedBy: unitAdminA.id,
      },
      TEST_NOW,
    );
    const report = await insertReportSubmission(
      db,
      {
        inspectionId: w.inspectionA,
        submittedOn: '2026-09-01',
        docNumber: '〔2026〕1号',
        fileName: '整改情况报告.pdf',
        contentType: 'application/pdf',
        sizeBytes: 16,
        sha256: 'a'.repeat(64),
        note: null,
        recordedBy: unitAdminA.id,
      },
      null,
      TEST_NOW,
    );
    // Issue 15 (问题线索): a clue on unit A's item.
    const clue = await insertClue(
      db,
      {
        roundId: w.roundId,
        inspectionId: w.inspectionA,
        unitId: w.unitA.id,
        problemId: null,
        itemId: w.itemA2,
        description: '反映有关人员收受回扣',
        markedBy: w.users.office.id,
        markedOn: '2026-08-15',
      },
      TEST_NOW,
    );
    const orderFile = await insertOrderFile(db, {
      orderId: sent.json().ids[0],
      fileName: '办理情况.pdf',
      contentType: 'application/pdf',
      sizeBytes: 16,
      sha256: 'b'.repeat(64),
      uploadedBy: unitAdminA.id,
      uploadedAt: TEST_NOW.toISOString(),
    });
    const byPrefix: [string, number | string][] = [
      ['/api/clues/', clue],
      ['/api/supervision/order-files/', orderFile],
      ['/api/report-submissions/', report],
      ['/api/auth/sessions/', session],
      ['/api/api-tokens/', token.json().apiToken.id],
      ['/api/units/', w.unitA.id],
      ['/api/users/', unitAdminA.id],
      ['/api/rounds/', w.roundId],
      ['/api/aspects/', w.aspectIds[0]],
      ['/api/teams/', w.teamA],
      ['/api/inspections/', w.inspectionA],
      ['/api/plan/inspections/', w.inspectionA],
      ['/api/problems/', w.problemA],
      ['/api/items/', w.itemA1],
      ['/api/evidence/', evidence],
      ['/api/measures/', measure.id],
      ['/api/views/', view.id],
      ['/api/publications/', publication.id],
      ['/api/publication-versions/', published.json<{ id: number }>().id],
      ['/api/comments/', comment],
      ['/api/notifications/', notification.id],
      ['/api/supervision/orders/', sent.json().ids[0]],
      ['/api/lookbacks/', lookback],
      ['/api/jobs/', job],
      ['/api/extensions/', extension],
    ];
    idFor = (url) => {
      const found = byPrefix.find(([prefix]) => url.startsWith(prefix));
      if (!found) throw new Error(`no unit-A id for ${url}: add its resource to the table`);
      return found[1];
    };
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  const fill = (url: string, id: number | string) => url.replace(':kind', 'notice').replace(/:\w+/g, String(id));
  const bodyOf = (route: RouteOptions) =>
    sampleOf(
      (route.schema as { body?: unknown } | undefined)?.body,
      TEST_NOW.toISOString().slice(0, 10),
    ) as InjectOptions['payload'];

  /** A valid request for the route: its smallest body, or a small file for the uploads. */
  const requestOf = (method: HTTPMethods, route: RouteOptions): Pick<InjectOptions, 'payload' | 'headers'> => {
    if (method === 'GET') return {};
    if (route.url.endsWith('/report-submission')) {
      return multipart(
        { submittedOn: '2026-09-01', docNumber: '〔2026〕1号' },
        { name: '整改情况报告.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') },
      );
    }
    if (route.url.endsWith('/evidence') || route.url.endsWith('/ledger-imports') || route.url.endsWith('/files')) {
      return multipart({ dryRun: 'true' }, { name: '材料.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') });
    }
    if (route.url.endsWith('/common-problems/orders')) {
      return { payload: { groupKey: '1-1', title: '督办', content: '请整改', dueOn: '2026-09-30' } };
    }
    return { payload: bodyOf(route) };
  };

  it('declares access on every route, and opens to anyone only the known public ones', () => {
    const routes = routesOf(t);
    expect(routes.length).toBeGreaterThan(90);
    for (const { method, url, route } of routes)
      expect(isRouteAccess(route.config?.access), `${method} ${url}`).toBe(true);
    const open = routes.filter((r) => r.route.config?.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('refuses every other route without a session, by its path written plainly or percent-encoded', async () => {
    for (const { method, url, route } of routesOf(t)) {
      if (route.config?.access === 'public') continue;
      for (const path of [fill(url, 1), encoded(fill(url, 1))]) {
        const res = await t.app.inject({ method, url: path, payload: method === 'GET' ? undefined : bodyOf(route) });
        expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(401);
      }
    }
  });

  it('refuses every write of a signed-in route without the CSRF token, by either path', async () => {
    const cookie = (await t.login('unitadmina')).cookie;
    for (const { method, url, route } of routesOf(t)) {
      if (route.config?.access === 'public' || method === 'GET') continue;
      for (const path of [fill(url, 1), encoded(fill(url, 1))]) {
        const res = await t.app.inject({ method, url: path, headers: { cookie }, payload: bodyOf(route) });
        expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(403);
        expect(res.json().error.code, `${method} ${path}`).toBe('csrf');
      }
    }
  });

  it.each(['unitadminb', 'deptb1'])('hides unit A from %s on every route that takes an id', async (username) => {
    const attacker = await t.login(username);
    const idRoutes = routesOf(t).filter((r) => r.url.includes('/:') && r.route.config?.access !== 'public');
    expect(idRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(Object.keys(OTHER_UNIT).sort());
    const got: Record<string, number | string> = {};
    for (const { method, url, route } of idRoutes) {
      const key = `${method} ${url}`;
      const res = await attacker.inject({ method, url: fill(url, idFor(url)), ...requestOf(method, route) });
      const expected = OTHER_UNIT[key];
      const scopedOk = expected === 'scoped' && res.statusCode === 200 && !res.body.includes(w.unitA.name);
      const refusedOk =
        expected === 'refused' && [403, 404].includes(res.statusCode) && !res.body.includes(w.unitA.name);
      got[key] =
        scopedOk || refusedOk || res.statusCode === expected ? expected : `${res.statusCode} ${res.body.slice(0, 160)}`;
    }
    expect(got).toEqual(OTHER_UNIT);
  });
});
