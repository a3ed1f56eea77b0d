import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../test/cli.ts';
import { createCliTestDatabase } from '../test/databases.ts';
import { buildWorld } from '../test/factories.ts';
import { main } from './main.ts';
import { webBuildIsCurrent } from './web-build.ts';

describe('rectify CLI', () => {
  const saved = { ...process.env };
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rectify-cli-'));
    process.env.RECTIFY_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    const { handle } = await createCliTestDatabase('sqlite', dir);
    await buildWorld(handle.db);
    await handle.close();
  });
  afterAll(() => {
    process.env = saved;
  });

  it('builds the web pages at install time, leaving the stamp serve checks', async () => {
    const c = captureIo();
    expect(await main(['build'], c.io)).toBe(0);
    expect(c.out.at(-1)).toMatch(/current/);
    expect(webBuildIsCurrent()).toBe(true);
  }, 300_000);

  it('prints help', async () => {
    const c = captureIo();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/inspections \[--json\]/);
  });

  it('lists inspections as JSON with id, unit, team, round and dates', async () => {
    const c = captureIo();
    expect(await main(['inspections', '--json'], c.io)).toBe(0);
    const rows = JSON.parse(c.out.join('\n'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        unit: expect.any(String),
        team: '市委第一巡察组',
        round: '十届市委第一轮巡察',
        from: '2026-03-10',
        to: '2026-05-10',
        feedback_on: '2026-07-01',
      }),
    );
  });

  it("lists accounts with role and unit, by role, and the demo's alone (none here)", async () => {
    const all = captureIo();
    expect(await main(['users', '--json'], all.io)).toBe(0);
    const rows = JSON.parse(all.out.join('\n')) as { username: string; role: string; unit: string; demo: boolean }[];
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => !r.demo && r.unit.length > 0)).toBe(true);
    const leaders = captureIo();
    expect(await main(['users', '--role', 'unit_leader'], leaders.io)).toBe(0);
    expect(leaders.out.slice(0, -1).every((l) => l.includes('被巡察单位领导 Unit leader'))).toBe(true);
    expect(leaders.out.at(-1)).toBe(`${rows.filter((r) => r.role === 'unit_leader').length} accounts / 个账号`);
    const demo = captureIo();
    expect(await main(['users', '--demo'], demo.io)).toBe(0);
    expect(demo.out).toEqual(['No demo accounts / 没有演示账号']);
    const bad = captureIo();
    expect(await main(['users', '--role', 'boss'], bad.io)).toBe(2);
    expect(bad.err[0]).toMatch(/Unknown role "boss"/);
  });

  it('does not call an empty audit trail intact (audit.test.ts verifies a real one)', async () => {
    const c = captureIo();
    expect(await main(['audit', 'verify'], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/empty/);
  });

  it('refuses the demo on a database that has data, and unknown commands', async () => {
    const c = captureIo();
    expect(await main(['demo'], c.io)).toBe(1);
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/Unknown command/);
    // A mistyped option is a usage error with the option named, not a stack trace.
    const typo = captureIo();
    expect(await main(['serve', '--port', '3999'], typo.io)).toBe(2);
    expect(typo.err.join('\n')).toMatch(/Unknown option '--port'.*参数有误（rectify serve）/);
  });

  it('removes the demo world on request, and says when there is none', async () => {
    const c = captureIo();
    expect(await main(['demo', '--remove'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/No demo data/);
    expect(await main(['inspections', '--json'], c.io)).toBe(0);
  });

  it('stops with a clear message on bad configuration', async () => {
    process.env.PORT = 'abc';
    const c = captureIo();
    expect(await main(['inspections'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/PORT/);
    delete process.env.PORT;
  });
});
