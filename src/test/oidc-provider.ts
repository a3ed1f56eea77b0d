import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './global-setup.ts';

/** A person the test provider knows, by the login typed on its sign-in page. */
export interface TestDirectoryPerson {
  name?: string;
  /** The role claim's values (the claim is `groups`). */
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Answers with 503 to everything while true: the provider is "down" without losing its state. */
  down: boolean;
  close(): Promise<void>;
  /**
   * Goes through the provider's own sign-in and consent pages as a browser would (its cookies kept, redirects followed)
   * from our authorization URL, and gives back the query string the provider sent to the redirect URL.
   */
  signIn(authorizationUrl: string, login: string): Promise<string>;
}

/**
 * A real OpenID provider (the npm package oidc-provider, with its development sign-in pages) on a free port of
 * 127.0.0.1 (named `hostName` in its issuer), with one confidential client registered for `redirectUrl`. Any login typed is accepted; its claims are
 * `people[login]` (an unknown login gets a name and no groups). Profile claims, `groups` among them, are released at
 * the UserInfo endpoint and not in the ID token, as many providers do.
 */
export async function startOidcProvider(
  redirectUrl: string,
  people: Record<string, TestDirectoryPerson>,
  /** 'localhost' puts the provider on another site than an app at 127.0.0.1, as a real one is (the browser test). */
  hostName: '127.0.0.1' | 'localhost' = '127.0.0.1',
): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://${hostName}:${port}`;
  const clientId = 'rectify-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'test' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
    pkce: { required: () => true },
    // Set, so the provider does not warn that its defaults are in use.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async findAccount(_ctx: unknown, id: string) {
      const person = people[id] ?? {};
      return {
        accountId: id,
        claims: () => ({
          sub: `sub-${id}`,
          preferred_username: id,
          name: person.name ?? id,
          groups: person.groups ?? [],
        }),
      };
    },
  });
  const handler = provider.callback();
  const state = { down: false };
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (state.down) {
      res.writeHead(503).end();
      return;
    }
    handler(req, res);
  };
  const servers: Server[] = [createServer(serve)];
  await new Promise<void>((resolve) => servers[0].listen(port, '127.0.0.1', resolve));
  if (hostName === 'localhost') {
    // localhost may be looked up as ::1 first (Node's fetch, the browser): answer there too, where the machine has IPv6.
    const v6 = createServer(serve);
    await new Promise<void>((resolve) => {
      v6.once('error', () => resolve());
      v6.listen(port, '::1', () => {
        servers.push(v6);
        resolve();
      });
    });
  }

  return {
    issuer,
    clientId,
    clientSecret,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      }
    },
    signIn: (authorizationUrl, login) => driveInteraction(authorizationUrl, redirectUrl, login),
  };
}

/** A minimal browser: keeps the provider's cookies, follows its redirects, submits its two forms. */
async function driveInteraction(start: string, redirectUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, body?: URLSearchParams) => {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  let url = start;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step += 1) {
    const res = await send(url, body);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.toString().startsWith(redirectUrl)) return next.search.slice(1);
      url = next.toString();
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never redirected back');
}
