import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.ts';
import { createTestApp, expectRefusals, type TestApp, type TestClient } from '../../../test/api.ts';
import { createTestDatabase, testDialects } from '../../../test/databases.ts';
import { buildWorld, tableCounts, testConfig, type World } from '../../../test/factories.ts';

describe.each(testDialects())('contact details and unit robots on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let admin: TestClient;
  let dept: TestClient;
  const contact = async (c: TestClient) => (await c.get('/api/account/contact')).json();
  const stored = (id: number) =>
    handle.db
      .selectFrom('users')
      .where('id', '=', id)
      .select(['email', 'phone', 'notify_sms'])
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle, undefined, testConfig({ RECTIFY_SMTP_URL: 'smtp://127.0.0.1:1' }));
    admin = await t.login('admin');
    dept = await t.login('depta1');
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  it('lets a person set their own e-mail, mobile and channels; an empty string clears an address', async () => {
    const before = await contact(dept);
    expect(before).toMatchObject({
      email: null,
      phone: null,
      channels: { email: true, dingtalk: true, wecom: true, webhook: true, sms: false },
      available: { email: true, dingtalk: false, wecom: false, webhook: false, sms: false },
    });
    const res = await dept.patch('/api/account/contact', {
      version: before.version,
      email: ' zhao.ke@jl.example ',
      phone: '138-0000-1111',
      channels: { sms: true, wecom: false },
    });
    expect(res.statusCode).toBe(204);
    expect(await contact(dept)).toMatchObject({
      email: 'zhao.ke@jl.example',
      phone: '13800001111',
      channels: { email: true, wecom: false, sms: true },
    });
    const v = (await contact(dept)).version;
    expect((await dept.patch('/api/account/contact', { version: v, email: '' })).statusCode).toBe(204);
    expect((await stored(w.users.deptA1.id)).email).toBeNull();
  });

  it('lets the administrator set an account’s e-mail and mobile, shown in the accounts list', async () => {
    const id = w.users.leaderA.id;
    const list = async () => (await admin.get('/api/users')).json().users.find((u: { id: number }) => u.id === id);
    const res = await admin.patch(`/api/users/${id}`, {
      version: (await list()).version,
      email: 'leader.a@jl.example',
      phone: '13912345678',
    });
    expect(res.statusCode).toBe(204);
    expect(await list()).toMatchObject({ email: 'leader.a@jl.example', phone: '13912345678' });
  });

  it('refuses what is not an address or a mobile number, and changes nothing', async () => {
    const id = w.users.leaderA.id;
    const version = (await contact(dept)).version;
    const adminVersion = (await admin.get('/api/users')).json().users.find((u: { id: number }) => u.id === id).version;
    const beforeDept = await stored(w.users.deptA1.id);
    const beforeLeader = await stored(id);
    const counts = await tableCounts(handle.db);
    await expectRefusals(
      [
        ['no @', () => dept.patch('/api/account/contact', { version, email: 'zhao.jl.example' }), 400, 'validation'],
        [
          'two addresses',
          () => dept.patch('/api/account/contact', { version, email: 'a@b.cn, c@d.cn' }),
          400,
          'validation',
        ],
        [
          'a display name',
          () => dept.patch('/api/account/contact', { version, email: 'Zhao <z@jl.cn>' }),
          400,
          'validation',
        ],
        [
          'no dot in the domain',
          () => dept.patch('/api/account/contact', { version, email: 'z@localhost' }),
          400,
          'validation',
        ],
        ['a short mobile', () => dept.patch('/api/account/contact', { version, phone: '1380000' }), 400, 'validation'],
        ['a landline', () => dept.patch('/api/account/contact', { version, phone: '043112345678' }), 400, 'validation'],
        [
          'email and a bad phone',
          () => dept.patch('/api/account/contact', { version, email: 'ok@jl.cn', phone: 'x' }),
          400,
          'validation',
        ],
        [
          'an unknown channel',
          () => dept.patch('/api/account/contact', { version, channels: { fax: true } }),
          400,
          'validation',
        ],
        [
          'a stale version',
          () => dept.patch('/api/account/contact', { version: version - 1, email: 'ok@jl.cn' }),
          409,
          'stale_version',
        ],
        [
          'admin: bad e-mail',
          () => admin.patch(`/api/users/${id}`, { version: adminVersion, email: 'nope' }),
          400,
          'validation',
        ],
        [
          'admin: bad mobile',
          () => admin.patch(`/api/users/${id}`, { version: adminVersion, phone: '12345678901' }),
          400,
          'validation',
        ],
        [
          'not the administrator',
          () => dept.patch(`/api/users/${id}`, { version: adminVersion, email: 'x@jl.cn' }),
          403,
          'forbidden',
        ],
      ],
      expect,
    );
    const refused = await dept.patch('/api/account/contact', { version, email: 'zhao.jl.example' });
    expect(refused.json().error.message).toContain('电子邮箱格式不正确');
    expect(await stored(w.users.deptA1.id)).toEqual(beforeDept);
    expect(await stored(id)).toEqual(beforeLeader);
    expect(await tableCounts(handle.db)).toEqual(counts);
  });

  describe('a unit’s robots', () => {
    const url = (unitId: number) => `/api/units/${unitId}/channels`;
    const good = {
      dingtalkUrl: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef',
      dingtalkSecret: 'SEC0123456789abcdef',
      wecomUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
      sms: {
        url: 'https://sms.jl.gov.cn/api/send',
        method: 'POST',
        contentType: 'json',
        body: '{"mobile":"{phone}","content":"{text}","appSecret":"{secret}"}',
      },
      smsSecret: 'gw-secret-123456',
    };

    it('are set by the unit administrator and read back with tokens masked and secrets only as set', async () => {
      const unitAdmin = await t.login('unitadmina');
      expect((await unitAdmin.patch(url(w.unitA.id), good)).statusCode).toBe(204);
      const view = (await unitAdmin.get(url(w.unitA.id))).json();
      expect(view).toMatchObject({
        dingtalk: { url: 'https://oapi.dingtalk.com/robot/send?access_token=****cdef', secretSet: true },
        wecom: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa' },
        sms: { url: 'https://sms.jl.gov.cn/api/send', method: 'POST', body: good.sms.body, secretSet: true },
      });
      const raw = JSON.stringify(view);
      for (const secret of ['0123456789abcdef', 'SEC0123456789abcdef', '0ec2sifa5aaa', 'gw-secret-123456']) {
        expect(raw).not.toContain(secret);
      }
      // A field left out stays; the department's people now see the robots as available.
      expect((await unitAdmin.patch(url(w.unitA.id), { wecomUrl: null })).statusCode).toBe(204);
      const after = (await unitAdmin.get(url(w.unitA.id))).json();
      expect(after).toMatchObject({ dingtalk: { secretSet: true }, wecom: { url: null } });
      expect((await contact(dept)).available).toMatchObject({ dingtalk: true, wecom: false, sms: true });
      const stored = await handle.db
        .selectFrom('unit_channels')
        .where('unit_id', '=', w.unitA.id)
        .select(['dingtalk_secret', 'sms_secret'])
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ dingtalk_secret: good.dingtalkSecret, sms_secret: good.smsSecret });
    });

    it('are set by the office for any unit, and refused to others (404 outside the tree, 403 without the role)', async () => {
      const office = await t.login('office');
      expect((await office.patch(url(w.unitB.id), { wecomUrl: good.wecomUrl })).statusCode).toBe(204);
      const unitAdminB = await t.login('unitadminb');
      const leaderB = await t.login('leaderb');
      await expectRefusals(
        [
          ['another unit', () => unitAdminB.patch(url(w.unitA.id), { wecomUrl: good.wecomUrl }), 404, 'not_found'],
          ['another unit, read', () => unitAdminB.get(url(w.unitA.id)), 404, 'not_found'],
          ['a leader', () => leaderB.patch(url(w.unitB.id), { wecomUrl: good.wecomUrl }), 403, 'forbidden'],
          ['a department', () => dept.get(url(w.unitA.id)), 403, 'forbidden'],
        ],
        expect,
      );
    });

    it('refuses bad robots and hooks with their reason, and changes nothing', async () => {
      const office = await t.login('office');
      const before = await handle.db.selectFrom('unit_channels').selectAll().orderBy('unit_id').execute();
      const counts = await tableCounts(handle.db);
      const sms = (over: Record<string, string>) => ({ sms: { ...good.sms, ...over } });
      const cases: [string, unknown, string][] = [
        ['ftp robot', { dingtalkUrl: 'ftp://oapi.dingtalk.com/robot/send?access_token=x' }, 'access_token'],
        ['javascript robot', { dingtalkUrl: 'javascript:alert(1)//?access_token=x' }, 'access_token'],
        ['no token', { dingtalkUrl: 'https://oapi.dingtalk.com/robot/send' }, 'access_token'],
        ['not a URL', { wecomUrl: 'qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }, 'key'],
        ['no key', { wecomUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?token=k' }, 'key'],
        ['credentials in the URL', sms({ url: 'https://user:pw@sms.jl.gov.cn/send' }), 'http(s)'],
        ['too long a template', sms({ body: `{"m":"{phone}","c":"{text}","x":"${'x'.repeat(2000)}"}` }), '2000'],
        ['no {phone}', sms({ body: '{"content":"{text}"}' }), '{phone}'],
        ['no {text}', sms({ body: '{"mobile":"{phone}"}' }), '{text}'],
        ['placeholder outside a string', sms({ body: '{"mobile":"{phone}","content":{text}}' }), 'JSON'],
        ['GET without placeholders in the URL', sms({ method: 'GET' }), '{phone}'],
        [
          'too long a URL',
          { dingtalkUrl: `https://oapi.dingtalk.com/robot/send?access_token=${'a'.repeat(1000)}` },
          '1000',
        ],
      ];
      for (const [name, body, words] of cases) {
        const res = await office.inject({
          method: 'PATCH',
          url: url(w.unitA.id),
          payload: body as object,
          headers: { 'accept-language': 'en' },
        });
        expect(res.statusCode, name).toBe(400);
        expect(res.json().error.code, name).toBe('validation');
        expect(res.json().error.message, name).toContain(words);
      }
      // One bad field in an otherwise good request writes none of it.
      const mixed = await office.patch(url(w.unitA.id), { ...good, wecomUrl: 'http://x/no-key' });
      expect(mixed.statusCode).toBe(400);
      expect(await handle.db.selectFrom('unit_channels').selectAll().orderBy('unit_id').execute()).toEqual(before);
      expect(await tableCounts(handle.db)).toEqual(counts);
    });

    it('accept a private deployment’s host and plain http inside a government network', async () => {
      const office = await t.login('office');
      const res = await office.patch(url(w.unitB.id), {
        dingtalkUrl: 'http://10.20.0.5:8080/robot/send?access_token=abcdef',
      });
      expect(res.statusCode).toBe(204);
    });
  });
});
