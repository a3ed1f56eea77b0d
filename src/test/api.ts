import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { TEST_NOW, TEST_PASSWORD, testConfig } from './factories.ts';

export interface TestClient {
  csrf: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  clock: { now: Date };
  /** Puts the clock back where the app started; files that move the clock call it after each test. */
  resetClock(): void;
  login(username: string, password?: string): Promise<TestClient>;
}

/** The real app over a test database, with a clock the test can move (and a configuration of the test's own, if given). */
export async function createTestApp(handle: DatabaseHandle, now = TEST_NOW, config = testConfig()): Promise<TestApp> {
  const clock = { now };
  const app = await buildApp({ db: handle.db, config, now: () => clock.now });
  const login = async (username: string, password = TEST_PASSWORD): Promise<TestClient> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.headers['set-cookie'];
    const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];
    const csrf = res.json().csrfToken as string;
    const inject = (o: InjectOptions) =>
      app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
    return {
      csrf,
      cookie,
      inject,
      get: (url) => inject({ method: 'GET', url }),
      post: (url, body) => inject({ method: 'POST', url, payload: body as InjectOptions['payload'] }),
      patch: (url, body) => inject({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
    };
  };
  return {
    app,
    config,
    clock,
    resetClock: () => {
      clock.now = now;
    },
    login,
  };
}

export type Refusal = [
  name: string,
  call: () => Promise<{ statusCode: number; json: () => { error: { code: string } } }>,
  status: number,
  code: string,
];

/** Runs a table of bad requests and checks each one's status and error code. */
export async function expectRefusals(cases: Refusal[], expect: (v: unknown, m?: string) => { toBe(x: unknown): void }) {
  for (const [name, call, status, code] of cases) {
    const res = await call();
    expect(res.statusCode, name).toBe(status);
    expect(res.json().error.code, name).toBe(code);
  }
}

/**
 * A multipart/form-data request body with text fields and at most one file (field "file"), for upload routes: the file
 * last, or first when asked (routes must read either order).
 */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; content: Buffer; type?: string } | null,
  { fileFirst = false }: { fileFirst?: boolean } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----rectifytest';
  const parts: Buffer[] = [];
  const addFields = () => {
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
  };
  if (!fileFirst) addFields();
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  if (fileFirst) addFields();
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
