import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../config.ts';
import { type DatabaseHandle, openSqlite } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { STAGES } from '../domain/reminders.ts';
import { findSchedule } from '../repositories/reminders.repository.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, testConfig, type World } from '../test/factories.ts';
import { configuredChannels, webhookSignature } from './channels.ts';
import { MAX_ATTEMPTS, retryDelayMs, sweep } from './sweep.ts';

/** 10:00 in China on a day. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);

async function sweepOn(handle: DatabaseHandle, config: Config, now: Date) {
  const channels = configuredChannels(config);
  try {
    return await sweep({ db: handle.db, config, now: () => now, channels });
  } finally {
    channels.close();
  }
}

async function received(handle: DatabaseHandle, world: World, link: string) {
  const rows = await handle.db
    .selectFrom('notifications')
    .where('link', '=', link)
    .select(['user_id', 'kind'])
    .orderBy('id')
    .execute();
  const byName = new Map(Object.entries(world.users).map(([k, u]) => [u.id, k]));
  return rows.map((r) => `${byName.get(r.user_id)}:${r.kind}`);
}

async function measureOf(handle: DatabaseHandle, itemId: number) {
  const m = await handle.db.selectFrom('measures').where('item_id', '=', itemId).select('id').executeTakeFirstOrThrow();
  return m.id;
}

describe.each(testDialects())('the reminder sweep on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  const config = testConfig();
  // itemA1's measure is due 2026-09-30; green from 09-10 (20 days), yellow from 09-20 (10 days), overdue from 10-01.
  beforeEach(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
  });
  afterAll(() => handle?.close());

  it('sends each stage once as the deadline approaches, adding recipients as it escalates', async () => {
    const link = `/items/${world.itemA1}`;
    await sweepOn(handle, config, at('2026-09-09'));
    expect(await received(handle, world, link)).toEqual([]);
    const measureId = await measureOf(handle, world.itemA1);
    expect(await findSchedule(handle.db, 'measure', measureId)).toMatchObject({ lastStage: 0, nextOn: '2026-09-10' });

    await sweepOn(handle, config, at('2026-09-10'));
    expect(await received(handle, world, link)).toEqual(['deptA1:reminder.green']);
    await sweepOn(handle, config, at('2026-09-15'));
    expect(await received(handle, world, link)).toHaveLength(1);

    await sweepOn(handle, config, at('2026-09-20'));
    expect((await received(handle, world, link)).slice(1)).toEqual([
      'deptA1:reminder.yellow',
      'leaderA:reminder.yellow',
    ]);

    await sweepOn(handle, config, at('2026-10-01'));
    expect((await received(handle, world, link)).slice(3).sort()).toEqual(
      [
        'deptA1:reminder.overdue',
        'leaderA:reminder.overdue',
        'office2:reminder.overdue',
        'office:reminder.overdue',
        'unitAdminA:reminder.overdue',
      ].sort(),
    );
    expect(await findSchedule(handle.db, 'measure', measureId)).toMatchObject({
      lastStage: STAGES.overdue,
      nextOn: null,
    });
    // A restart is a new sweep over the same database: nothing goes out twice.
    const again = await sweepOn(handle, config, at('2026-10-05'));
    expect(again.reminders).toBe(0);
    expect(await received(handle, world, link)).toHaveLength(8);
  });

  it('sends the responsible person named on the measure instead of the whole department', async () => {
    const measureId = await measureOf(handle, world.itemA1);
    await handle.db
      .updateTable('measures')
      .set({ responsible_person_id: world.users.deptA2.id })
      .where('id', '=', measureId)
      .execute();
    await sweepOn(handle, config, at('2026-09-10'));
    expect(await received(handle, world, `/items/${world.itemA1}`)).toEqual(['deptA2:reminder.green']);
  });

  it('stops reminding a closed item and re-arms a moved deadline', async () => {
    const measureA1 = await measureOf(handle, world.itemA1);
    await sweepOn(handle, config, at('2026-09-10'));
    await handle.db.updateTable('items').set({ state: 'closed' }).where('id', '=', world.itemB1).execute();
    await handle.db.updateTable('measures').set({ deadline: '2026-12-31' }).where('id', '=', measureA1).execute();
    const counts = await sweepOn(handle, config, at('2026-10-01'));
    expect(counts.rearmed).toBe(1);
    expect(counts.unscheduled).toBeGreaterThanOrEqual(1);
    expect(await received(handle, world, `/items/${world.itemB1}`)).toEqual(['deptB1:reminder.green']);
    expect(await findSchedule(handle.db, 'measure', measureA1)).toMatchObject({
      deadline: '2026-12-31',
      lastStage: 0,
      nextOn: '2026-12-11',
    });
    await sweepOn(handle, config, at('2026-12-11'));
    expect(await received(handle, world, `/items/${world.itemA1}`)).toEqual([
      'deptA1:reminder.green',
      'deptA1:reminder.green',
    ]);
  });

  it('reminds the unit administrators of the report due date', async () => {
    // Both inspections' reports are due 2026-09-01: 17 days ahead of 2026-08-15 is green.
    await sweepOn(handle, config, at('2026-08-15'));
    const rows = await handle.db
      .selectFrom('notifications')
      .where('link', '=', `/ledger?inspectionId=${world.inspectionA}`)
      .select(['user_id', 'title'])
      .execute();
    expect(rows.map((r) => r.user_id)).toEqual([world.users.unitAdminA.id]);
    expect(rows[0].title).toContain('整改情况报告');
  });

  it('sends once when two sweeps run at the same time', async () => {
    const both = await Promise.all([
      sweepOn(handle, config, at('2026-10-01')),
      sweepOn(handle, config, at('2026-10-01')),
    ]);
    const total = await handle.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(both[0].notifications + both[1].notifications).toBe(Number(total.n));
    expect(await received(handle, world, `/items/${world.itemA1}`)).toHaveLength(5);
  });

  it('sends e-mail through SMTP to the recipients that have an address, with the subject in Chinese', async () => {
    const mails: { to: string[]; raw: string }[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const mailConfig = testConfig({
        RECTIFY_SMTP_URL: `smtp://127.0.0.1:${port}`,
        RECTIFY_MAIL_FROM: 'rectify@jl.example',
      });
      await handle.db
        .updateTable('users')
        .set({ email: 'dept.a1@jl.example' })
        .where('id', '=', world.users.deptA1.id)
        .execute();
      await handle.db
        .updateTable('users')
        .set({ email: 'leader.a@jl.example' })
        .where('id', '=', world.users.leaderA.id)
        .execute();
      const counts = await sweepOn(handle, mailConfig, at('2026-09-20'));
      // itemA1 and itemB1 are yellow (deptA1 + leaderA have addresses for itemA1), itemA2 is yellow too (leaderA).
      expect(counts.delivered).toBe(counts.queued);
      const toA1 = mails.filter((m) => decodeSubject(m.raw).includes('财务审批不规范'));
      expect(toA1.flatMap((m) => m.to).sort()).toEqual(['dept.a1@jl.example', 'leader.a@jl.example']);
      expect(decodeSubject(toA1[0].raw)).toContain('【即将到期】测试市交通运输局：财务审批不规范');
    } finally {
      await new Promise<void>((resolve) => smtp.close(resolve));
    }
  });

  describe('the webhook', () => {
    let server: Server;
    let answers: number[];
    const calls: { body: string; signature: string }[] = [];
    let url: string;
    beforeEach(async () => {
      answers = [];
      calls.length = 0;
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          calls.push({ body: Buffer.concat(chunks).toString(), signature: String(req.headers['x-rectify-signature']) });
          res.statusCode = answers.shift() ?? 200;
          res.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot`;
    });
    afterAll(() => server?.close());

    it('posts signed JSON, retries a 500 later, and gives up after the last attempt', async () => {
      const hookConfig = testConfig({ RECTIFY_WEBHOOK_URL: url, RECTIFY_WEBHOOK_SECRET: 'robot-secret' });
      // Only itemA1 and itemB1 enter green on 2026-09-10; everything else was sent the day before.
      await sweepOn(handle, testConfig(), at('2026-09-09'));
      answers = [500];
      const first = await sweepOn(handle, hookConfig, at('2026-09-10'));
      expect(first).toMatchObject({ queued: 2, delivered: 1, retrying: 1 });
      for (const call of calls) expect(call.signature).toBe(webhookSignature(call.body, 'robot-secret'));
      const payload = JSON.parse(calls[1].body);
      expect(payload).toMatchObject({
        type: 'reminder.green',
        unit: expect.any(String),
        link: expect.stringMatching(/^\/items\//),
      });
      expect(Object.keys(payload).sort()).toEqual(['at', 'link', 'text', 'title', 'type', 'unit']);

      const tooSoon = await sweepOn(handle, hookConfig, new Date(at('2026-09-10').getTime() + 30_000));
      expect(tooSoon.delivered + tooSoon.retrying).toBe(0);
      const retried = await sweepOn(handle, hookConfig, new Date(at('2026-09-10').getTime() + retryDelayMs(1)));
      expect(retried.delivered).toBe(1);

      // Closing itemB1 and moving itemA1's deadline re-arms only itemA1: one new reminder that always fails.
      await handle.db.updateTable('items').set({ state: 'closed' }).where('id', '=', world.itemB1).execute();
      const start = at('2026-10-01');
      let t = start.getTime();
      answers = Array(MAX_ATTEMPTS).fill(500);
      let last = await sweepOn(handle, hookConfig, new Date(t));
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        t += retryDelayMs(attempt);
        last = await sweepOn(handle, hookConfig, new Date(t));
      }
      expect(last.failed).toBe(1);
      const failed = await handle.db
        .selectFrom('deliveries')
        .where('status', '=', 'failed')
        .select(['attempts', 'last_error'])
        .execute();
      expect(failed).toEqual([{ attempts: MAX_ATTEMPTS, last_error: 'HTTP 500' }]);
      const after = await sweepOn(handle, hookConfig, new Date(t + 24 * 3600_000));
      expect(after.delivered + after.failed + after.retrying).toBe(0);
    });
  });
});

describe('two server processes sweeping one SQLite file', () => {
  it('send each reminder once', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-sweep-')), 'rectify.sqlite');
    const handle = openSqlite(file);
    await migrateToLatest(handle);
    const world = await buildWorld(handle.db);
    const run = promisify(execFile);
    const script = `
      import { openSqlite } from ${JSON.stringify(new URL('../db/database.ts', import.meta.url).pathname)};
      import { loadConfig } from ${JSON.stringify(new URL('../config.ts', import.meta.url).pathname)};
      import { configuredChannels } from ${JSON.stringify(new URL('./channels.ts', import.meta.url).pathname)};
      import { sweep } from ${JSON.stringify(new URL('./sweep.ts', import.meta.url).pathname)};
      const handle = openSqlite(process.argv[1]);
      const config = loadConfig({ RECTIFY_DATA_DIR: process.argv[2] });
      const channels = configuredChannels(config);
      const counts = await sweep({ db: handle.db, config, now: () => new Date('2026-10-01T02:00:00Z'), channels });
      await handle.close();
      console.log(JSON.stringify(counts));
    `;
    const spawnSweep = () =>
      run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file, path.dirname(file)], {
        cwd: process.cwd(),
      });
    const outputs = await Promise.all([spawnSweep(), spawnSweep()]);
    const counts = outputs.map((o) => JSON.parse(o.stdout.trim().split('\n').pop() as string));
    const total = await handle.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(counts[0].notifications + counts[1].notifications).toBe(Number(total.n));
    expect(await received(handle, world, `/items/${world.itemA1}`)).toHaveLength(5);
    await handle.close();
  }, 60_000);
});

/** The Subject header of a raw message, with its RFC 2047 encoded words decoded. */
function decodeSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
