import type { ConnectionOptions } from 'node:tls';
import { Client, type Entry, ResultCodeError, SizeLimitExceededError } from 'ldapts';
import type { LdapGroupMapping, LdapSettings } from '../config.ts';

/**
 * The LDAP/AD adapter: finds the person signing in with the service account, checks their password by binding as them,
 * and reads their groups. It knows nothing of accounts, sessions or the database; `commands/auth.commands.ts` turns its
 * answer into a sign-in.
 */

/** What the directory says about a person whose password it has just accepted. */
export interface DirectoryPerson {
  dn: string;
  displayName: string | null;
  email: string | null;
  /** Group DNs, as the directory wrote them (memberOf, and the group search when one is configured). */
  groups: string[];
}

export type LdapAnswer =
  | { kind: 'signed_in'; person: DirectoryPerson }
  /** No entry matches the filter, or more than one does (a name that is not unique signs nobody in). */
  | { kind: 'unknown_user' }
  | { kind: 'wrong_password' };

/** The directory could not be asked: unreachable, too slow, TLS refused, or the service account itself refused. */
export class DirectoryUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the directory cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DirectoryUnavailableError';
  }
}

/**
 * A value placed inside a search filter, escaped per RFC 4515 §3: a typed `*)(uid=*` stays a literal name rather than
 * widening the filter to every entry.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The search filter for a typed name. */
export function userFilterFor(settings: Pick<LdapSettings, 'userFilter'>, username: string): string {
  return settings.userFilter.replaceAll('{username}', escapeFilterValue(username));
}

/**
 * DNs compare case-insensitively and without the spaces some directories write after commas (AD's memberOf and the map
 * an administrator typed rarely agree on either).
 */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*([,=+])\s*/g, '$1')
    .toLowerCase();
}

/** The first mapping, in the configured order, whose group the person is in; undefined when none is. */
export function mapGroups(groupMap: LdapGroupMapping[], groups: string[]): LdapGroupMapping | undefined {
  const held = new Set(groups.map(normalizeDn));
  return groupMap.find((m) => held.has(normalizeDn(m.groupDn)));
}

/** A group found both through memberOf and by the group search is one group. */
function distinctDns(dns: string[]): string[] {
  const seen = new Set<string>();
  return dns.filter((dn) => !seen.has(normalizeDn(dn)) && !!seen.add(normalizeDn(dn)));
}

const texts = (value: Entry[string] | undefined): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => v.toString());

const first = (value: Entry[string] | undefined): string | null => texts(value)[0]?.trim() || null;

function tlsOptions(settings: LdapSettings): ConnectionOptions {
  return {
    // StartTLS hands Node the open socket, so the name the certificate must carry is given here (as `host`, which
    // Node checks an address against the certificate's IP names with, and sends as SNI only when it is a name).
    host: new URL(settings.url).hostname.replace(/^\[(.*)\]$/, '$1'),
    minVersion: 'TLSv1.2',
    ...(settings.ca ? { ca: settings.ca } : {}),
  };
}

/**
 * Signs `username` in against the directory. The password is never sent empty: an empty simple bind is an anonymous
 * bind (RFC 4513 §5.1.2), which many servers accept, so it would "succeed" for anyone. Throws DirectoryUnavailableError
 * when the directory cannot answer.
 */
export async function authenticateWithLdap(
  settings: LdapSettings,
  username: string,
  password: string,
): Promise<LdapAnswer> {
  if (password === '' || username.trim() === '') return { kind: 'wrong_password' };
  const client = new Client({
    url: settings.url,
    timeout: settings.timeoutMs,
    connectTimeout: settings.timeoutMs,
    // ldapts opens TLS at once whenever it is given TLS options, whatever the URL says: an ldap:// URL gets none (its
    // StartTLS, when asked for, takes them below).
    ...(settings.url.startsWith('ldaps:') && { tlsOptions: tlsOptions(settings) }),
  });
  try {
    let entry: Entry;
    let groups: string[];
    try {
      if (settings.startTls) await client.startTLS(tlsOptions(settings));
      await client.bind(settings.bindDn, settings.bindPassword);
      const found = await findPerson(client, settings, username);
      if (found === undefined) return { kind: 'unknown_user' };
      entry = found;
      groups = distinctDns([...texts(entry.memberOf), ...(await groupsByMember(client, settings, entry.dn))]);
    } catch (error) {
      // Whatever goes wrong before the person's own bind is the directory's fault or its configuration's (the service
      // account refused, the base DN missing), never the person's.
      throw new DirectoryUnavailableError(error);
    }
    try {
      await client.bind(entry.dn, password);
    } catch (error) {
      // Any refusal of the bind is the directory saying no to this person: a wrong password, and also AD's disabled
      // or expired account and a locked one (invalid credentials with a reason code), or a server unwilling to bind.
      if (error instanceof ResultCodeError) return { kind: 'wrong_password' };
      throw new DirectoryUnavailableError(error);
    }
    return {
      kind: 'signed_in',
      person: {
        dn: entry.dn,
        displayName: first(entry.displayName) ?? first(entry.cn),
        email: first(entry.mail),
        groups,
      },
    };
  } finally {
    await client.unbind().catch(() => {});
  }
}

async function findPerson(client: Client, settings: LdapSettings, username: string): Promise<Entry | undefined> {
  try {
    const { searchEntries } = await client.search(settings.baseDn, {
      scope: 'sub',
      filter: userFilterFor(settings, username),
      attributes: ['displayName', 'cn', 'mail', 'memberOf'],
      // Two are enough to know the name is not unique.
      sizeLimit: 2,
    });
    return searchEntries.length === 1 ? searchEntries[0] : undefined;
  } catch (error) {
    if (error instanceof SizeLimitExceededError) return undefined;
    throw error;
  }
}

/** Groups that list the person as a member, for directories without memberOf (OpenLDAP without the overlay). */
async function groupsByMember(client: Client, settings: LdapSettings, dn: string): Promise<string[]> {
  if (!settings.groupBaseDn) return [];
  const member = escapeFilterValue(dn);
  const { searchEntries } = await client.search(settings.groupBaseDn, {
    scope: 'sub',
    filter: `(|(member=${member})(uniqueMember=${member}))`,
    attributes: ['1.1'],
  });
  return searchEntries.map((g) => g.dn);
}
