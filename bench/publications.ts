/**
 * node --import tsx bench/publications.ts — the public portal and its comments at scale, on SQLite.
 *
 * One published notice with 200,000 stored comments (BENCH_ROWS) from 50,000 addresses, plus 200 more publications.
 * Measured: accepting one comment (publication state, form checks, the per-address count of the last hour from the
 * table, insert and audit event in one transaction), the portal list page and a notice page rendered, and the unit's
 * comment list. Baseline, in the same run: a bare insert of one comment row (no checks, no count, no audit).
 * Median of 25 runs after one warm-up.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { submitComment } from '../src/commands/comments.commands.ts';
import { prepareDraft, stepPublicationVersion } from '../src/commands/publication-versions.commands.ts';
import { loadConfig } from '../src/config.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { renderPortalList, renderPortalNotice } from '../src/public/render.ts';
import { portalList, portalNotice } from '../src/queries/publications.queries.ts';
import { bulkInsert } from '../src/repositories/bulk.repository.ts';
import { listComments } from '../src/repositories/comments.repository.ts';
import { insertNoticeDraft } from '../src/repositories/notice-drafts.repository.ts';
import { buildWorld } from '../src/test/factories.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const NOW = new Date('2026-08-15T02:00:00Z');

async function median(work: (i: number) => Promise<unknown>): Promise<number> {
  await work(-1);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[12];
}

const handle = openSqlite(':memory:');
await migrateToLatest(handle);
const world = await buildWorld(handle.db);
const config = loadConfig({ RECTIFY_COMMENTS_PER_HOUR: '1000' });
const clock = { db: handle.db, config, now: () => NOW };
await insertNoticeDraft(
  handle.db,
  world.inspectionA,
  'notice',
  {
    issuer: null,
    issuedOn: '2026-08-15',
    asOf: '2026-08-15',
    organising: '成立整改工作领导小组。',
    nextSteps: '持续整改。',
    publicFrom: '2026-08-15',
    publicTo: '2026-08-29',
    contacts: { phone: ['0731-6661234'], email: [], postal: null, postcode: null },
    addressee: null,
    signatory: null,
  },
  NOW,
);
// Issue 15: drafted by the unit's administrator, approved by its leader.
const publisher = { ...clock, actor: world.users.unitAdminA.actor };
const draft = await prepareDraft(publisher, world.inspectionA, { publicFrom: '2026-08-15', publicTo: '2026-08-29' });
const submitted = await stepPublicationVersion(publisher, draft.id, 'submit', { version: draft.version });
const approved = await stepPublicationVersion({ ...clock, actor: world.users.leaderA.actor }, draft.id, 'approve', {
  version: submitted.version,
});
const publication = { id: approved.publicationId as number };
const body = await handle.db
  .selectFrom('publications')
  .selectAll()
  .where('id', '=', publication.id)
  .executeTakeFirstOrThrow();
await handle.db.transaction().execute(async (trx) => {
  const { id: _id, ...row } = body;
  await bulkInsert(
    trx,
    'publications',
    Array.from({ length: 200 }, (_, i) => ({ ...row, title: `${row.title} ${i}` })),
  );
  const hash = (n: number) => createHmac('sha256', 'bench').update(String(n)).digest('base64url');
  const comments = Array.from({ length: ROWS }, (_, i) => ({
    publication_id: publication.id,
    content: `第${i}条意见：公车管理仍需加强。`,
    name: null,
    contact: null,
    address_hash: hash(i % 50_000),
    status: i % 3 === 0 ? 'handled' : 'new',
    created_at: new Date(NOW.getTime() - (i % 2000) * 60_000).toISOString(),
    updated_at: NOW.toISOString(),
  }));
  await bulkInsert(trx, 'public_comments', comments);
});

const rows: [string, number][] = [];
rows.push([
  'baseline: bare insert of one comment row',
  await median((i) =>
    handle.db
      .insertInto('public_comments')
      .values({
        publication_id: publication.id,
        content: `基线${i}`,
        address_hash: 'baseline',
        created_at: NOW.toISOString(),
      })
      .execute(),
  ),
]);
rows.push([
  'accept a comment (checks, hourly count, insert, audit)',
  await median((i) => submitComment(clock, publication.id, `198.51.100.${(i + 2) % 250}`, { content: `意见${i}` })),
]);
rows.push(['portal list page (201 notices)', await median(async () => renderPortalList(await portalList(clock)))]);
rows.push([
  'notice page',
  await median(async () => {
    const r = await portalNotice(clock, publication.id);
    if ('found' in r) renderPortalNotice(r.found, { token: 'x' });
  }),
]);
rows.push(["the unit's comment list (first 2,000)", await median(() => listComments(handle.db, publication.id))]);

console.log(
  `\n${ROWS.toLocaleString('en')} comments on one notice, 201 publications, SQLite in memory; median of 25\n`,
);
console.log('| operation | ms |\n|---|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(2)} |`);
await handle.close();
