import type { FastifyContextConfig, FastifyInstance, RouteOptions } from 'fastify';

/**
 * Who may reach a route at all, declared where the route is registered (`config: { access }`). The resource checks
 * (which unit, which item) come after, in the handler, through `src/policies/authorize.ts`.
 *
 * - `public`: anyone; no session, no CSRF token (health, sign-in, the public portal and its comment form, the web's files).
 * - `signedIn`: a session whose sign-in is complete; every unsafe method also needs the session's CSRF token.
 * - `accountSetup`: a session, even one that must still change its password or enrol a second factor: the routes that
 *   finish the sign-in (who am I, sign out, change the password, enrol). CSRF as for `signedIn`.
 */
export const ROUTE_ACCESS = ['public', 'signedIn', 'accountSetup'] as const;
export type RouteAccess = (typeof ROUTE_ACCESS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The web app's own files (scripts, styles): not counted against the rate limits. */
    webFile?: boolean;
  }
}

export const isRouteAccess = (value: unknown): value is RouteAccess =>
  typeof value === 'string' && (ROUTE_ACCESS as readonly string[]).includes(value);

/**
 * Routes a plugin registers on our behalf (the web's static files, the API page) cannot carry our config, so they get
 * the access declared around their registration. Anything else without a declaration is refused at start: access is
 * decided from the route that matched, and a route that states nothing would otherwise be decided by nobody.
 */
export function declareRouteAccess(app: FastifyInstance): {
  as: (access: RouteAccess, register: () => Promise<void>, extra?: FastifyContextConfig) => Promise<void>;
  routes: RouteOptions[];
} {
  let pluginAccess: RouteAccess | null = null;
  let pluginExtra: FastifyContextConfig = {};
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    const declared = route.config?.access;
    if (declared === undefined && pluginAccess)
      route.config = { ...route.config, ...pluginExtra, access: pluginAccess };
    else if (!isRouteAccess(declared)) {
      throw new Error(`${route.method} ${route.url} declares no access (config.access: ${ROUTE_ACCESS.join(' | ')})`);
    }
    routes.push(route);
  });
  return {
    routes,
    as: async (access, register, extra = {}) => {
      pluginAccess = access;
      pluginExtra = extra;
      try {
        await register();
      } finally {
        pluginAccess = null;
        pluginExtra = {};
      }
    },
  };
}
