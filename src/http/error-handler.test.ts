import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { preferredLang } from '../domain/error-codes.ts';
import { createTestApp, type TestApp } from '../test/api.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { buildWorld } from '../test/factories.ts';
import type { ErrorBody } from './schemas.ts';

describe('preferredLang', () => {
  it('answers Chinese unless English ranks above it', () => {
    expect(preferredLang(undefined)).toBe('zh');
    expect(preferredLang('')).toBe('zh');
    expect(preferredLang('fr-FR, de')).toBe('zh');
    expect(preferredLang('en')).toBe('en');
    expect(preferredLang('en-GB,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(preferredLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(preferredLang('zh;q=0.5, en;q=0.7')).toBe('en');
    expect(preferredLang('en;q=0')).toBe('zh');
  });
});

describe.each(testDialects())('refusals in the language asked on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    await buildWorld(handle.db);
    t = await createTestApp(handle);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const signIn = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'office', password: 'not-the-password-Aa1!' },
    });

  it('answers a wrong password in Chinese by default and in English when asked, same code and details', async () => {
    const zh = await signIn({});
    const en = await signIn({ 'accept-language': 'en' });
    expect([zh.statusCode, en.statusCode]).toEqual([401, 401]);
    expect(zh.json<ErrorBody>().error).toEqual({ code: 'unauthorized', message: '用户名或密码错误', details: null });
    expect(en.json<ErrorBody>().error).toEqual({
      code: 'unauthorized',
      message: 'wrong username or password',
      details: null,
    });
    expect((await signIn({ 'accept-language': 'zh-CN,en;q=0.5' })).json<ErrorBody>().error.message).toBe(
      '用户名或密码错误',
    );
  });

  it('answers a schema failure and an unknown address in the language asked', async () => {
    const bad = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'x' } });
    const zh = (await bad({})).json<ErrorBody>().error;
    const en = (await bad({ 'accept-language': 'en-US,en;q=0.9' })).json<ErrorBody>().error;
    expect(zh.code).toBe('validation');
    expect(zh.message).toBe('请求内容不符合要求（body）');
    expect(en).toEqual({ ...zh, message: 'the request is not valid' });
    const lost = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { 'accept-language': 'en' } });
    expect(lost.statusCode).toBe(404);
    expect(lost.json<ErrorBody>().error).toEqual({
      code: 'not_found',
      message: 'no route GET /nowhere',
      details: null,
    });
  });
});
