import { readFileSync } from 'node:fs';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { readOfd } from '../../../notices/generate/ofd-reader.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, type World } from '../../../test/factories.ts';
import type { ErrorBody } from '../../schemas.ts';
import type { itemDetail } from '../items/items.schema.ts';
import type { draftResponses, findingsResponses, savedResponses } from './notices.schema.ts';

type Draft = Static<(typeof draftResponses)[200]>;
type Saved = Static<(typeof savedResponses)[200]>;
type Findings = Static<(typeof findingsResponses)[200]>;

const fixture = (name: string) => readFileSync(new URL(`../../../notices/fixtures/${name}`, import.meta.url), 'utf8');

const writing = {
  issuer: '中共测试市交通运输局党组',
  issuedOn: '2026-08-20',
  asOf: '2026-08-15',
  organising: '局党组成立整改工作领导小组，召开专题会议3次。',
  nextSteps: '持续推进阶段性完成事项。',
  publicFrom: '2026-08-20',
  publicTo: '2026-09-03',
  contacts: {
    phone: ['0731-6661234'],
    email: ['jtj@jianglan.example.cn'],
    postal: '江澜市通衢路8号',
    postcode: '410000',
  },
  addressee: null,
  signatory: null,
};

describe.each(testDialects())('notice drafts and the linter on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let unitAdmin: TestClient;
  let office: TestClient;
  const draftUrl = (kind = 'notice', inspectionId = w.inspectionA) =>
    `/api/inspections/${inspectionId}/documents/${kind}/draft`;
  const put = (client: TestClient, body: unknown, url = draftUrl()) =>
    client.inject({ method: 'PUT', url, payload: body as Record<string, unknown> });

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    unitAdmin = await t.login('unitadmina');
    office = await t.login('office');
    for (const [kind, heldOn, title] of [
      ['leading_group', '2026-07-03', '成立巡察整改工作领导小组'],
      ['deployment_meeting', '2026-07-05', '召开巡察整改部署会'],
      ['other', '2026-07-06', '整理档案'],
    ]) {
      const res = await unitAdmin.post(`/api/inspections/${w.inspectionA}/work-log`, {
        kind,
        heldOn,
        title,
        note: null,
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('reads an empty draft at version 0 with the work log’s facts to cite', async () => {
    const res = await unitAdmin.get(draftUrl());
    expect(res.statusCode).toBe(200);
    const draft = res.json<Draft>();
    expect(draft).toMatchObject({ kind: 'notice', version: 0, organising: null, issuedOn: null, updatedAt: null });
    expect(draft.contacts).toEqual({ phone: [], email: [], postal: null, postcode: null });
    expect(draft.suggestions.facts.map((f) => f.title)).toEqual(['成立巡察整改工作领导小组', '召开巡察整改部署会']);
  });

  it('saves (insert, then versioned update), audits, and refuses a stale version with 409', async () => {
    const audit = (await tableCounts(handle.db)).audit_events;
    const first = await put(unitAdmin, { ...writing, version: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json<Saved>()).toEqual({ version: 1 });
    const read = (await unitAdmin.get(draftUrl())).json<Draft>();
    expect(read).toMatchObject({ ...writing, version: 1 });

    const leader = await t.login('leadera');
    const second = await put(leader, { ...writing, nextSteps: '巩固整改成果。', version: 1 });
    expect(second.json<Saved>()).toEqual({ version: 2 });
    expect((await tableCounts(handle.db)).audit_events).toBe(audit + 3);

    const before = await tableCounts(handle.db);
    for (const version of [1, 0, 7]) {
      const stale = await put(unitAdmin, { ...writing, organising: '旧稿', version });
      expect(stale.statusCode, `version ${version}`).toBe(409);
      expect(stale.json<ErrorBody>().error.code).toBe('stale_version');
    }
    expect((await unitAdmin.get(draftUrl())).json()).toMatchObject({ nextSteps: '巩固整改成果。', version: 2 });
    expect(await tableCounts(handle.db)).toEqual(before);
    // Each kind has its own draft.
    expect((await unitAdmin.get(draftUrl('report'))).json<Draft>().version).toBe(0);
  });

  it('validates dates, lengths, phones and e-mails', async () => {
    const before = await tableCounts(handle.db);
    const cases: [string, Record<string, unknown>, string][] = [
      ['an impossible date', { issuedOn: '2026-02-30' }, 'validation'],
      ['a date in another format', { publicFrom: '2026/08/20' }, 'validation'],
      ['a period ending before it starts', { publicTo: '2026-08-19' }, 'date_order'],
      ['a notice before the feedback', { issuedOn: '2026-06-01', asOf: null, publicFrom: null }, 'date_order'],
      ['an as-of date after the notice', { asOf: '2026-08-25' }, 'date_order'],
      ['a text too long', { organising: '字'.repeat(20_001) }, 'validation'],
      ['a bad phone', { contacts: { ...writing.contacts, phone: ['call me'] } }, 'validation'],
      ['a bad e-mail', { contacts: { ...writing.contacts, email: ['jtj.example.cn'] } }, 'validation'],
      ['a bad postcode', { contacts: { ...writing.contacts, postcode: '4100' } }, 'validation'],
      ['an unknown field', { colour: 'red' }, 'validation'],
    ];
    for (const [name, change, code] of cases) {
      const res = await put(unitAdmin, { ...writing, ...change, version: 2 });
      expect(res.statusCode, name).toBe(400);
      expect(res.json<ErrorBody>().error.code, name).toBe(code);
    }
    expect((await put(unitAdmin, { ...writing })).statusCode).toBe(400);
    expect((await put(unitAdmin, { ...writing, version: 2 }, draftUrl('memo'))).statusCode).toBe(400);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('lets the unit, its leader and the office edit; others get 403, or 404 when they cannot see the inspection', async () => {
    const cases: [string, number, number][] = [
      ['depta1', 200, 403],
      ['supervisor', 200, 403],
      ['teama', 200, 403],
      ['unitadminb', 404, 404],
      ['depta2', 200, 403],
    ];
    for (const [user, read, edit] of cases) {
      const client = await t.login(user);
      expect((await client.get(draftUrl())).statusCode, `${user} read`).toBe(read);
      expect((await put(client, { ...writing, version: 2 })).statusCode, `${user} edit`).toBe(edit);
    }
    expect((await office.get(draftUrl('notice', 99999))).statusCode).toBe(404);
    const byOffice = await put(office, { ...writing, version: 2 });
    expect(byOffice.statusCode).toBe(200);
  });

  it('lints a pasted notice and bounds its size', async () => {
    const clean = await unitAdmin.post('/api/notices/lint', { text: fixture('clean-notice.txt') });
    expect(clean.statusCode).toBe(200);
    expect(clean.json<Findings>().findings.filter((f) => f.severity === 'error')).toEqual([]);
    const broken = await unitAdmin.post('/api/notices/lint', { text: fixture('lint-broken.txt') });
    const codes = broken.json<Findings>().findings.map((f) => f.code);
    expect(codes).toContain('date_order');
    expect(broken.json<Findings>().findings[0]).toEqual(
      expect.objectContaining({ severity: expect.any(String), message: expect.stringContaining(' / ') }),
    );
    const huge = await unitAdmin.post('/api/notices/lint', { text: 'a'.repeat(2 * 1024 * 1024 + 8192) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<ErrorBody>().error.code).toBe('too_large');
    expect((await unitAdmin.post('/api/notices/lint', { body: 'x' })).statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/notices/lint', payload: { text: 'x' } });
    expect(anonymous.statusCode).toBe(401);
  });

  describe('generated documents', () => {
    const docUrl = (kind: string, query: string) => `/api/inspections/${w.inspectionA}/documents/${kind}?${query}`;
    beforeAll(async () => {
      const item = (await unitAdmin.get(`/api/items/${w.itemA2}`)).json<Static<typeof itemDetail>>();
      const res = await unitAdmin.patch(`/api/items/${w.itemA2}`, {
        version: item.version,
        withheld: true,
        withheldReason: '涉及正在核查的问题线索',
      });
      expect(res.statusCode).toBe(204);
    });

    it('renders every format with its content type and a UTF-8 file name', async () => {
      const expected: Record<string, RegExp> = {
        docx: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/,
        md: /^text\/markdown; charset=utf-8/,
        html: /^text\/html; charset=utf-8/,
        txt: /^text\/plain; charset=utf-8/,
        ofd: /^application\/ofd$/,
      };
      for (const [format, type] of Object.entries(expected)) {
        const res = await unitAdmin.get(docUrl('notice', `format=${format}`));
        expect(res.statusCode, format).toBe(200);
        expect(res.headers['content-type'], format).toMatch(type);
        const disposition = String(res.headers['content-disposition']);
        expect(disposition, format).toMatch(new RegExp(`filename="notice-${w.inspectionA}\\.${format}"`));
        const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
        expect(decodeURIComponent(encoded), format).toMatch(new RegExp(`巡察整改进展情况的通报\\.${format}$`));
      }
      const docx = await unitAdmin.get(docUrl('notice', 'format=docx'));
      expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(docx.headers['content-disposition']).toMatch(/^attachment;/);
      const ofd = await unitAdmin.get(docUrl('notice', 'format=ofd'));
      expect(ofd.headers['content-disposition']).toMatch(/^attachment;/);
      expect(readOfd(ofd.rawPayload).title).toMatch(/巡察整改进展情况的通报$/);
      const html = await unitAdmin.get(docUrl('notice', 'format=html'));
      expect(html.headers['content-security-policy']).toMatch(/default-src 'none'/);
    });

    it('leaves a withheld item out of the public notice and keeps it in the internal documents', async () => {
      const publicNotice = (await unitAdmin.get(docUrl('notice', 'format=txt'))).body;
      expect(publicNotice).toContain('财务审批不规范');
      expect(publicNotice).not.toContain('公务用车管理不严');
      const internal = (await unitAdmin.get(docUrl('notice', 'format=txt&public=false'))).body;
      expect(internal).toContain('公务用车管理不严');
      const report = (await unitAdmin.get(docUrl('report', 'format=txt'))).body;
      expect(report).toContain('公务用车管理不严');
      const leaderReport = await unitAdmin.get(docUrl('leader-report', 'format=md'));
      expect(leaderReport.statusCode).toBe(200);
    });

    it('shows departments and supervisors the public notice only; other units see nothing', async () => {
      const cases: [string, number, number, number][] = [
        // user, public notice, internal notice, report
        ['depta1', 200, 403, 403],
        ['supervisor', 200, 403, 403],
        ['teama', 200, 200, 200],
        ['leadera', 200, 200, 200],
        ['unitadminb', 404, 404, 404],
      ];
      for (const [user, pub, internal, report] of cases) {
        const client = await t.login(user);
        expect((await client.get(docUrl('notice', 'format=txt'))).statusCode, `${user} public`).toBe(pub);
        expect((await client.get(docUrl('notice', 'format=txt&public=false'))).statusCode, `${user} internal`).toBe(
          internal,
        );
        expect((await client.get(docUrl('report', 'format=txt'))).statusCode, `${user} report`).toBe(report);
      }
      expect((await unitAdmin.get(docUrl('notice', 'format=pdf'))).statusCode).toBe(400);
      expect((await unitAdmin.get(docUrl('memo', 'format=txt'))).statusCode).toBe(400);
    });

    it('lints the generated public notice against the public items of the ledger', async () => {
      const res = await unitAdmin.get(`/api/inspections/${w.inspectionA}/documents/notice/lint`);
      expect(res.statusCode).toBe(200);
      const { findings } = res.json<Findings>();
      expect(findings.map((f) => f.code)).not.toContain('ledger_item_missing');
      expect(findings.filter((f) => f.code.startsWith('totals_'))).toEqual([]);
      expect(
        (await (await t.login('unitadminb')).get(`/api/inspections/${w.inspectionA}/documents/notice/lint`)).statusCode,
      ).toBe(404);
    });
  });
});
