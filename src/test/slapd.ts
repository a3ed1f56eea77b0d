import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './global-setup.ts';

/**
 * A real OpenLDAP server (Debian's slapd) for the LDAP tests: its own folder, a free port, an mdb database with the
 * memberof overlay, seeded by ldapadd. CI installs slapd and ldap-utils; where they are missing the tests say so and skip.
 */

const SLAPD = '/usr/sbin/slapd';
const LDAPADD = 'ldapadd';

const missing = [SLAPD, '/usr/bin/ldapadd', '/usr/bin/ldapmodify'].filter((file) => !existsSync(file));
export const slapdMissing: string | null =
  missing.length === 0
    ? null
    : `${missing.join(', ')} absent: the LDAP tests are skipped (install Debian's slapd and ldap-utils to run them)`;

export const TEST_BASE_DN = 'dc=example,dc=gov,dc=cn';
const ROOT_DN = `cn=admin,${TEST_BASE_DN}`;
const ROOT_PASSWORD = 'root-secret';
export const TEST_SERVICE_DN = `cn=rectify,ou=services,${TEST_BASE_DN}`;
export const TEST_SERVICE_PASSWORD = 'service-secret';

export interface TestDirectory {
  url: string;
  /** With `tls`: the same server over ldaps://, its certificate (for 127.0.0.1) signed by the CA in caFile. */
  ldapsUrl: string | null;
  caFile: string | null;
  /** Adds entries as the directory's root (ldapadd). */
  add(ldif: string): Promise<void>;
  /** Changes entries as the directory's root (ldapmodify). */
  modify(ldif: string): Promise<void>;
  /** Stops the server, keeping its data, so a test can see the directory unreachable. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function slapdConf(dir: string, tls: boolean): string {
  const certificates = tls
    ? `TLSCACertificateFile ${dir}/ca.pem
TLSCertificateFile ${dir}/server.pem
TLSCertificateKeyFile ${dir}/server.key
`
    : '';
  return `${certificates}include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload memberof
pidfile ${dir}/slapd.pid
database mdb
suffix "${TEST_BASE_DN}"
rootdn "${ROOT_DN}"
rootpw ${ROOT_PASSWORD}
directory ${dir}/db
maxsize 16777216
overlay memberof
# As a real directory is set up: nothing is read anonymously, so the search needs the service account.
access to attrs=userPassword by self =xw by anonymous auth by * none
access to * by users read by * none
`;
}

/** The suffix and the service account every test directory has. */
const BASE_LDIF = `dn: ${TEST_BASE_DN}
objectClass: dcObject
objectClass: organization
o: example
dc: example

dn: ou=services,${TEST_BASE_DN}
objectClass: organizationalUnit
ou: services

dn: ${TEST_SERVICE_DN}
objectClass: simpleSecurityObject
objectClass: organizationalRole
cn: rectify
userPassword: ${TEST_SERVICE_PASSWORD}
`;

function run(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr.trim()}`)),
    );
    child.stdin.end(input);
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A throwaway CA and a server certificate for 127.0.0.1 signed by it (openssl, as the directory's admins would). It
 * names the address alone, so a client that checked another name (Node's default, localhost, when StartTLS hands it a
 * socket) fails.
 */
function makeCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Rectify test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    'server.pem',
    '-extfile',
    'server.ext',
  );
}

/** Starts slapd seeded with `seed` (LDIF under TEST_BASE_DN); with `tls`, also over ldaps:// and offering StartTLS. */
export async function startTestDirectory(seed: string, { tls = false } = {}): Promise<TestDirectory> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rectify-slapd-'));
  mkdirSync(path.join(dir, 'db'));
  if (tls) makeCertificates(dir);
  writeFileSync(path.join(dir, 'slapd.conf'), slapdConf(dir, tls));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = tls ? `ldaps://127.0.0.1:${await freePort()}` : null;
  // ldaps:// also on 127.0.0.2, an address the certificate does not name, for the test of a name mismatch.
  const ldapsListeners = ldapsUrl ? [`${ldapsUrl}/`, `${ldapsUrl.replace('127.0.0.1', '127.0.0.2')}/`] : [];
  const listen = [`${url}/`, ...ldapsListeners].join(' ');
  let server: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    // -d keeps slapd in the foreground, so this process owns it and its exit is seen.
    const child = spawn(SLAPD, ['-f', path.join(dir, 'slapd.conf'), '-h', listen, '-d', '0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d) => {
      log += d;
    });
    server = child;
    const deadline = Date.now() + 15_000;
    while (!(await accepts(port))) {
      if (child.exitCode !== null) throw new Error(`slapd exited ${child.exitCode}: ${log.trim()}`);
      if (Date.now() > deadline) throw new Error(`slapd did not listen on ${port} within 15 s: ${log.trim()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  };
  const asRoot = ['-x', '-H', url, '-D', ROOT_DN, '-w', ROOT_PASSWORD];
  const directory: TestDirectory = {
    url,
    ldapsUrl,
    caFile: tls ? path.join(dir, 'ca.pem') : null,
    add: (ldif) => run(LDAPADD, asRoot, ldif),
    modify: (ldif) => run('ldapmodify', asRoot, ldif),
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await start();
    await directory.add(`${BASE_LDIF}\n${seed}`);
  } catch (error) {
    await directory.close();
    throw error;
  }
  return directory;
}

const PEOPLE = `ou=people,${TEST_BASE_DN}`;
const GROUPS = `ou=groups,${TEST_BASE_DN}`;
export const personDn = (uid: string, ou = PEOPLE) => `uid=${uid},${ou}`;
export const groupDn = (cn: string) => `cn=${cn},${GROUPS}`;

/** Every directory person's password in the tests: the directory's, never a local one. */
export const directoryPassword = (uid: string) => `${uid}-Dir-pass-1`;

const person = (uid: string, cn: string, extra = '', ou = PEOPLE) => `dn: ${personDn(uid, ou)}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${cn}
sn: ${cn.slice(0, 1)}
userPassword: ${directoryPassword(uid)}
${extra}`;

const group = (cn: string, members: string[], objectClass = 'groupOfNames', attribute = 'member') => `dn: ${groupDn(cn)}
objectClass: ${objectClass}
cn: ${cn}
${members.map((m) => `${attribute}: ${personDn(m)}`).join('\n')}
`;

/**
 * The people of the LDAP tests, under the world's units (src/test/factories.ts): a leader of unit A, a department
 * user, one in no group, a disabled one, one whose group names a unit this system lacks, one whose name is a
 * local account's, a name two entries share, and a group only the group search finds (groupOfUniqueNames, which the
 * memberof overlay does not follow).
 */
export const TEST_PEOPLE_LDIF = [
  `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: people\n`,
  `dn: ou=others,${TEST_BASE_DN}\nobjectClass: organizationalUnit\nou: others\n`,
  `dn: ${GROUPS}\nobjectClass: organizationalUnit\nou: groups\n`,
  person('zhangsan', '张三', 'displayName: 张三（交通局）\nmail: zhangsan@example.gov.cn\n'),
  person('lisi', '李四'),
  person('wangwu', '王五'),
  person('zhaoliu', '赵六', 'employeeType: disabled\n'),
  person('qianqi', '钱七'),
  person('office', '冒名者'),
  person('sunba', '孙八'),
  person('zhoujiu', '周九'),
  person('dup', '重名甲'),
  person('dup', '重名乙', '', `ou=others,${TEST_BASE_DN}`),
  group('leaders-a', ['zhangsan', 'office']),
  // A group of names needs a member; the service account holds the place until a test moves someone in.
  `dn: ${groupDn('leaders-b')}\nobjectClass: groupOfNames\ncn: leaders-b\nmember: ${TEST_SERVICE_DN}\n`,
  group('dept-a1', ['lisi', 'zhaoliu', 'zhoujiu', 'dup']),
  group('lost-unit', ['qianqi']),
  group('office-staff', ['sunba'], 'groupOfUniqueNames', 'uniqueMember'),
].join('\n');

/** The group map of the tests, as RECTIFY_LDAP_GROUP_MAP is written: leaders of unit A before its department staff. */
export const TEST_GROUP_MAP = {
  [groupDn('leaders-a')]: { role: 'unit_leader', unit: 'T-A' },
  [groupDn('leaders-b')]: { role: 'unit_leader', unit: 'T-B' },
  [groupDn('dept-a1')]: { role: 'department', unit: 'T-A-1' },
  [groupDn('lost-unit')]: { role: 'department', unit: 'T-NONE' },
  [groupDn('office-staff')]: { role: 'office', unit: 'T' },
};

/** The RECTIFY_LDAP_* settings for a test directory. */
export function testLdapEnv(url: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    RECTIFY_LDAP_URL: url,
    RECTIFY_LDAP_BIND_DN: TEST_SERVICE_DN,
    RECTIFY_LDAP_BIND_PASSWORD: TEST_SERVICE_PASSWORD,
    RECTIFY_LDAP_BASE_DN: TEST_BASE_DN,
    RECTIFY_LDAP_USER_FILTER:
      '(&(objectClass=inetOrgPerson)(|(uid={username})(sAMAccountName={username}))(!(employeeType=disabled)))',
    RECTIFY_LDAP_GROUP_BASE_DN: GROUPS,
    RECTIFY_LDAP_GROUP_MAP: JSON.stringify(TEST_GROUP_MAP),
    RECTIFY_LDAP_TIMEOUT_SECONDS: '3',
    ...overrides,
  };
}
