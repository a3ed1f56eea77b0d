import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld, testConfig, type World } from '../test/factories.ts';
import { configuredChannels } from './channels.ts';
import { retryDelayMs, sweep } from './sweep.ts';

/** 10:00 in China on a day: itemA1 (deptA1) and itemB1 (deptB1) enter their green stage on 2026-09-10. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);

async function sweepOn(handle: DatabaseHandle, config: Config, now: Date) {
  const channels = configuredChannels(config);
  try {
    return await sweep({ db: handle.db, config, now: () => now, channels });
  } finally {
    channels.close();
  }
}

interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string;
  method: string;
  body: string;
}

/**
 * A stand-in for one outside service: every request is checked by `answer`, which returns the JSON the real service
 * would send back (or an HTTP status), and kept for the test to read.
 */
async function fakeService(answer: (r: Received) => unknown) {
  const calls: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const r: Received = {
        path: url.pathname,
        query: url.searchParams,
        contentType: String(req.headers['content-type'] ?? ''),
        method: req.method ?? '',
        body: Buffer.concat(chunks).toString(),
      };
      calls.push(r);
      const out = answer(r);
      if (typeof out === 'number') {
        res.statusCode = out;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { calls, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * 钉钉's custom robot as documented (open.dingtalk.com, 自定义机器人 安全设置 加签): POST /robot/send?access_token=…
 * &timestamp=…&sign=…, the timestamp in milliseconds within an hour of 钉钉's clock, sign = the URL-encoded Base64 of
 * HMAC-SHA256 under the secret of "timestamp\nsecret"; a JSON body {msgtype:'markdown', markdown:{title, text}}.
 * A request that breaks any of it gets the errcode 钉钉 gives (310000 for the signature, 300001 for the token).
 */
function dingtalkRobot(token: string, secret: string, clock: () => number, override?: () => unknown) {
  return (r: Received) => {
    if (r.method !== 'POST' || r.path !== '/robot/send') return 404;
    if (r.query.get('access_token') !== token) return { errcode: 300001, errmsg: 'token is not exist' };
    const timestamp = Number(r.query.get('timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(clock() - timestamp) > 3600_000) {
      return { errcode: 310000, errmsg: 'invalid timestamp' };
    }
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    // URLSearchParams has already undone the URL encoding once: what is left must be the Base64 itself.
    if (r.query.get('sign') !== expected) return { errcode: 310000, errmsg: 'sign not match' };
    if (!r.contentType.startsWith('application/json')) return { errcode: 40035, errmsg: 'bad content type' };
    const body = JSON.parse(r.body);
    if (body.msgtype !== 'markdown' || typeof body.markdown?.title !== 'string' || !body.markdown.title) {
      return { errcode: 40035, errmsg: 'missing markdown.title' };
    }
    if (typeof body.markdown.text !== 'string' || !body.markdown.text) return { errcode: 40035, errmsg: 'no text' };
    return override?.() ?? { errcode: 0, errmsg: 'ok' };
  };
}

/**
 * 企业微信's group robot as documented (developer.work.weixin.qq.com, 群机器人配置说明): POST
 * /cgi-bin/webhook/send?key=…, JSON {msgtype:'markdown', markdown:{content}}, content at most 4096 bytes; a wrong key
 * answers errcode 93000.
 */
function wecomRobot(key: string) {
  return (r: Received) => {
    if (r.method !== 'POST' || r.path !== '/cgi-bin/webhook/send') return 404;
    if (r.query.get('key') !== key) return { errcode: 93000, errmsg: 'invalid webhook url' };
    const body = JSON.parse(r.body);
    if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string') {
      return { errcode: 40008, errmsg: 'invalid message type' };
    }
    if (Buffer.byteLength(body.markdown.content) > 4096) return { errcode: 40058, errmsg: 'content exceed max length' };
    if (Object.keys(body).sort().join() !== 'markdown,msgtype') return { errcode: 40008, errmsg: 'unknown field' };
    return { errcode: 0, errmsg: 'ok' };
  };
}

describe.each(testDialects())('outward channels on %s', (dialect) => {
  let handle: DatabaseHandle;
  let world: World;
  const stops: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    handle = await createTestDatabase(dialect);
    world = await buildWorld(handle.db);
    // Everything due before the 10th goes out first, so the 10th's sweep carries only the two green reminders.
    await sweepOn(handle, testConfig(), at('2026-09-09'));
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await handle.close();
  });

  const setUnit = (unitId: number, values: Record<string, string | null>) =>
    handle.db
      .insertInto('unit_channels')
      .values({ unit_id: unitId, updated_at: at('2026-09-01').toISOString(), ...values })
      .execute();
  const deliveries = () =>
    handle.db
      .selectFrom('deliveries')
      .select(['channel', 'recipient', 'status', 'attempts', 'last_error', 'next_attempt_at'])
      .orderBy('id')
      .execute();

  it('signs 钉钉 messages as 钉钉 checks them, and reaches a department through its unit’s robot once', async () => {
    let now = at('2026-09-10');
    const robot = await fakeService(dingtalkRobot('tok-A', 'SECabc123', () => now.getTime()));
    stops.push(robot.close);
    await setUnit(world.unitA.id, {
      dingtalk_url: `${robot.base}/robot/send?access_token=tok-A`,
      dingtalk_secret: 'SECabc123',
    });
    const counts = await sweepOn(handle, testConfig(), now);
    // deptA1 hears of itemA1 through unitA's robot; deptB1's unit has none.
    expect(counts).toMatchObject({ queued: 1, delivered: 1, retrying: 0 });
    expect(robot.calls).toHaveLength(1);
    const body = JSON.parse(robot.calls[0].body);
    expect(body.markdown.title).toContain('财务审批不规范');
    expect(body.markdown.text).toContain(`/items/${world.itemA1}`);
    expect(await deliveries()).toMatchObject([
      { channel: 'dingtalk', recipient: `unit:${world.unitA.id}`, status: 'sent', attempts: 1 },
    ]);

    // A wrong secret is what 钉钉 answers 310000 for: a failure, retried with the outbox's backoff, then sent.
    now = at('2026-09-20');
    await handle.db
      .updateTable('unit_channels')
      .set({ dingtalk_secret: 'SECwrong' })
      .where('unit_id', '=', world.unitA.id)
      .execute();
    const refused = await sweepOn(handle, testConfig(), now);
    expect(refused).toMatchObject({ delivered: 0, retrying: 1 });
    const [, retry] = await deliveries();
    expect(retry).toMatchObject({ channel: 'dingtalk', status: 'pending', attempts: 1 });
    expect(retry.last_error).toContain('310000');
    expect(retry.next_attempt_at).toBe(new Date(now.getTime() + retryDelayMs(1)).toISOString());
    await handle.db
      .updateTable('unit_channels')
      .set({ dingtalk_secret: 'SECabc123' })
      .where('unit_id', '=', world.unitA.id)
      .execute();
    now = new Date(now.getTime() + retryDelayMs(1));
    expect(await sweepOn(handle, testConfig(), now)).toMatchObject({ delivered: 1 });
  });

  it('treats a 钉钉 errcode in an HTTP 200 answer as a failure to retry', async () => {
    const now = at('2026-09-10');
    let busy = true;
    const robot = await fakeService(
      dingtalkRobot(
        'tok-A',
        'SECs',
        () => now.getTime(),
        () => (busy ? { errcode: 310000, errmsg: 'keywords not in content' } : undefined),
      ),
    );
    stops.push(robot.close);
    await setUnit(world.unitA.id, {
      dingtalk_url: `${robot.base}/robot/send?access_token=tok-A`,
      dingtalk_secret: 'SECs',
    });
    expect(await sweepOn(handle, testConfig(), now)).toMatchObject({ delivered: 0, retrying: 1 });
    busy = false;
    expect(await sweepOn(handle, testConfig(), new Date(now.getTime() + retryDelayMs(1)))).toMatchObject({
      delivered: 1,
    });
  });

  it('posts 企业微信 markdown with the key in the URL; a wrong key is refused and retried', async () => {
    const now = at('2026-09-10');
    const robot = await fakeService(wecomRobot('key-B'));
    stops.push(robot.close);
    await setUnit(world.unitB.id, { wecom_url: `${robot.base}/cgi-bin/webhook/send?key=key-B` });
    await setUnit(world.unitA.id, { wecom_url: `${robot.base}/cgi-bin/webhook/send?key=stale-key` });
    const counts = await sweepOn(handle, testConfig(), now);
    expect(counts).toMatchObject({ queued: 2, delivered: 1, retrying: 1 });
    const sent = robot.calls.find((c) => c.query.get('key') === 'key-B');
    expect(JSON.parse(sent?.body ?? '{}').markdown.content).toContain('医疗设备采购程序不规范');
    const rows = await deliveries();
    expect(rows.find((r) => r.recipient === `unit:${world.unitA.id}`)?.last_error).toContain('93000');
  });

  it('sends SMS through the unit’s template, escaped for JSON, only to those who chose it and have a mobile', async () => {
    const gateway = await fakeService(() => ({ code: 0 }));
    stops.push(gateway.close);
    await setUnit(world.unitA.id, {
      sms_url: `${gateway.base}/sms/send?app=rectify`,
      sms_method: 'POST',
      sms_content_type: 'json',
      sms_body: '{"mobile":"{phone}","content":"{text}","sign":"{secret}"}',
      sms_secret: 'gw-secret',
    });
    await handle.db
      .updateTable('users')
      .set({ phone: '13800001111', notify_sms: 1 })
      .where('id', '=', world.users.deptA1.id)
      .execute();
    // A title with a quote and a backslash must not break the gateway's JSON.
    await handle.db.updateTable('items').set({ title: '财务"审批"不规范\\' }).where('id', '=', world.itemA1).execute();
    const counts = await sweepOn(handle, testConfig(), at('2026-09-10'));
    expect(counts).toMatchObject({ delivered: 1 });
    expect(gateway.calls).toHaveLength(1);
    const call = gateway.calls[0];
    expect(call.path).toBe('/sms/send');
    expect(call.query.get('app')).toBe('rectify');
    expect(call.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(call.body);
    expect(body).toEqual({
      mobile: '13800001111',
      content: expect.stringContaining('财务"审批"不规范\\'),
      sign: 'gw-secret',
    });
    expect(body.content.startsWith('【巡察整改】')).toBe(true);

    // Turning SMS off stops it; a form-encoded GET template puts the values in the URL.
    await handle.db.updateTable('users').set({ notify_sms: 0 }).where('id', '=', world.users.deptA1.id).execute();
    await sweepOn(handle, testConfig(), at('2026-09-20'));
    expect(gateway.calls).toHaveLength(1);
  });

  it('fills a GET template into the URL, URL-encoded', async () => {
    const gateway = await fakeService(() => ({ ok: true }));
    stops.push(gateway.close);
    await setUnit(world.unitB.id, {
      sms_url: `${gateway.base}/send?to={phone}&msg={text}`,
      sms_method: 'GET',
      sms_content_type: 'form',
      sms_body: '',
    });
    await handle.db
      .updateTable('users')
      .set({ phone: '13900002222', notify_sms: 1 })
      .where('id', '=', world.users.deptB1.id)
      .execute();
    expect(await sweepOn(handle, testConfig(), at('2026-09-10'))).toMatchObject({ delivered: 1 });
    expect(gateway.calls[0].method).toBe('GET');
    expect(gateway.calls[0].query.get('to')).toBe('13900002222');
    expect(gateway.calls[0].query.get('msg')).toContain('医疗设备采购程序不规范');
  });

  it('mails only those who chose e-mail, and the webhook only when someone named wants it', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, done) {
        stream.resume();
        stream.on('end', () => {
          mails.push(...session.envelope.rcptTo.map((r) => r.address));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    const hook = await fakeService(() => 200);
    stops.push(hook.close);
    const config = testConfig({
      RECTIFY_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      RECTIFY_WEBHOOK_URL: `${hook.base}/hook`,
      RECTIFY_WEBHOOK_SECRET: 'hook-secret',
    });
    await handle.db
      .updateTable('users')
      .set({ email: 'dept.a1@jl.example' })
      .where('id', '=', world.users.deptA1.id)
      .execute();
    await handle.db
      .updateTable('users')
      .set({ email: 'dept.b1@jl.example', notify_email: 0, notify_webhook: 0 })
      .where('id', '=', world.users.deptB1.id)
      .execute();
    const counts = await sweepOn(handle, config, at('2026-09-10'));
    expect(mails).toEqual(['dept.a1@jl.example']);
    // itemA1's reminder reaches the webhook (deptA1 keeps it); itemB1's does not (deptB1 turned it off).
    expect(hook.calls.map((c) => JSON.parse(c.body).title)).toEqual([expect.stringContaining('财务审批不规范')]);
    expect(counts).toMatchObject({ queued: 2, delivered: 2 });
  });
});
