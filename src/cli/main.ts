import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { removeDemo } from '../commands/demo.commands.ts';
import { ldapUnitCodesMissing } from '../commands/directory-accounts.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo, seedInstallation } from '../demo/seed.ts';
import { readScope } from '../policies/policies.ts';
import { listInspections } from '../repositories/inspections.repository.ts';
import { evidenceStoreFor } from '../storage/evidence-store.ts';
import { CliError, cliContext, type Io, openMigrated } from './context.ts';
import { runPrimary, serveProcess, serveWorker } from './serve.ts';
import { registerServer, removeStaleTempFiles, STALE_AFTER_MS } from './stale-temp.ts';
import { accountLines, oneAccountPerRole, usersCommand } from './users.ts';
import { ensureWebBuild, webBuildIsCurrent } from './web-build.ts';

export type { Io } from './context.ts';

const consoleIo: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

// `rectify inspections | head` closes the pipe early; that is the reader being done, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const HELP = `rectify — 巡察整改管理系统 / inspection rectification ledger

Usage: rectify <command> [options]

Commands:
  serve                 start the web server (migrates; on an empty embedded SQLite database loads the demo,
                        on PostgreSQL or with --no-demo creates only the committee and the admin account)
      --no-demo         start on an empty database without demo data
      --no-web          serve the API only (no build of the web pages)
                        runs RECTIFY_WORKERS processes on one port; SIGTERM/SIGINT stops after the requests in
                        flight (a second signal at once); SIGHUP replaces the workers one at a time, without downtime
  migrate               apply database migrations
  build                 build the web pages now (at install time, so that serve finds them current and never
                        writes into a read-only release folder); serve builds them itself when they are missing
  demo                  load the demo city into an empty database (the only way to get it on PostgreSQL)
      --remove          delete the demo world (its units, accounts, round, items…); real data stays
  inspections [--json]  list inspections (id, unit, team, round, dates)
  users [--demo] [--role ROLE] [--json]
                        list accounts with their role and unit (--demo: the demo's alone)
  audit verify [--checkpoints FILE]
                        recompute the keyed audit chain, its numbering and checkpoints
  audit anchor [--out FILE]
                        write a signed checkpoint of the audit chain's head (data folder's log by default)
  audit export --out FILE [--format jsonl|csv] [--as USERNAME]
                        write the whole audit trail for keeping off-site (audited)
  parse FILE [--json]   read a published notice or feedback text (.txt, .docx, .pdf, .html, .doc, .wps)
  lint FILE [--json]    check a notice: totals, dates, numbering, contacts
  notice --inspection ID --out FILE [--format docx|md|html|txt] [--kind notice|report|leader-report]
         [--public] [--as USERNAME]
                        write the public notice or an internal report from the ledger
                        (--format defaults to --out's extension; --out - prints to stdout, txt by default)
  notice import FILE --unit ID --round ID [--team ID] [--from D --to D --feedback-on D]
         [--confirm] [--json] [--as USERNAME]
                        read a published notice into the ledger (a preview unless --confirm)
  ledger import FILE --inspection ID [--dry-run] [--json] [--map FILE.json] [--as USERNAME]
                        read an Excel (.xlsx) or .csv ledger into an inspection
  ledger export --inspection ID --out FILE.xlsx [--as USERNAME]
                        write the ledger in the customary Excel layout
  binder --inspection ID --out FILE.zip [--as USERNAME]
                        write the evidence binder (整改资料册): a folder per aspect and item, with an index
  evidence encrypt      encrypt in place the evidence stored before RECTIFY_EVIDENCE_KEY was set
  evidence rotate-key [--old KEY] [--new KEY]
                        re-encrypt every evidence file under the new key (resumable; keys default to
                        RECTIFY_EVIDENCE_KEY and RECTIFY_EVIDENCE_KEY_OLD, which keep them out of the process list)
  backup --out FILE [--no-evidence]
                        an online, consistent backup (database snapshot, evidence as stored, audit head,
                        checksums); the audit key and RECTIFY_EVIDENCE_KEY are never in it: keep them apart
  backup verify FILE    check a backup against its manifest; a damaged one is refused naming the bad part
  restore FILE [--force]
                        restore into an empty database and data folder (SQLite or PostgreSQL, either way);
                        --force replaces what is there
  storage migrate --to s3|local
                        copy every evidence file to the S3 bucket (or back to the data folder) as stored, checking
                        each one; resumable; afterwards set RECTIFY_STORAGE=s3 (or local)
  search reindex [--no-evidence]
                        rebuild the search index from the ledger (it is kept current as data changes), then read the
                        text of evidence files not read yet
  help                  this text

  --as USERNAME: act with that account's access (default admin)

Environment:
  PORT (3000), HOST (127.0.0.1), RECTIFY_DATA_DIR (./data),
  DATABASE_URL (postgres://…; unset = SQLite in the data folder), RECTIFY_ADMIN_PASSWORD (first start),
  RECTIFY_REPORT_MONTHS (2), RECTIFY_SESSION_HOURS (8), RECTIFY_SESSION_IDLE_MINUTES (30),
  RECTIFY_MAX_SESSIONS (3), RECTIFY_LOGIN_DELAY_AFTER (5), RECTIFY_LOGIN_DELAY_MAX_SECONDS (300),
  RECTIFY_LOGIN_ADDRESS_ATTEMPTS (30), RECTIFY_LOCKOUT_ATTEMPTS (20), RECTIFY_LOCKOUT_MINUTES (15),
  RECTIFY_PASSWORD_MAX_AGE_DAYS (90, 0 = never), RECTIFY_MAX_UPLOAD_MB (50), RECTIFY_AUDIT_HASH (sha256|sm3),
  RECTIFY_EVIDENCE_KEY (32 bytes, hex or base64: evidence encrypted at rest), RECTIFY_EVIDENCE_KEY_OLD (during a
  rotation), RECTIFY_EVIDENCE_CIPHER (sm4|aes-256-gcm; sm4 where OpenSSL has it),
  RECTIFY_AUDIT_KEY (hex/base64, ≥32 bytes; unset = data/audit.key), RECTIFY_AUDIT_RETENTION_DAYS (180, at least 180),
  RECTIFY_BACKUP_DIR (unset = no scheduled backups), RECTIFY_BACKUP_KEEP (7), RECTIFY_BACKUP_HOUR (2, local),
  RECTIFY_DB_POOL_SIZE (10), RECTIFY_LOG_LEVEL (info; debug logs every request), RECTIFY_METRICS_TOKEN (unset = no /metrics),
  RECTIFY_WORKERS (the number of cores; 1 = a single process),
  RECTIFY_STORAGE (local|s3), RECTIFY_S3_ENDPOINT, RECTIFY_S3_BUCKET, RECTIFY_S3_REGION (us-east-1),
  RECTIFY_S3_ACCESS_KEY_ID, RECTIFY_S3_SECRET_ACCESS_KEY, RECTIFY_S3_FORCE_PATH_STYLE (true)`;

/**
 * What `serve` puts into an empty database: the demo on the embedded SQLite default (a trial stays one command), never
 * on PostgreSQL (a real deployment loads it only by `rectify demo`); otherwise the committee and the admin account.
 */
export async function prepareEmptyDatabase(handle: DatabaseHandle, config: Config, io: Io, { demo = true } = {}) {
  if (demo && handle.dialect === 'sqlite') return seedIfEmpty(handle, config, io);
  if (!(await isDatabaseEmpty(handle.db))) return false;
  const generated = config.adminPassword === null;
  const adminPassword = config.adminPassword ?? `Rx-${randomBytes(9).toString('base64url')}`;
  await seedInstallation(handle.db, { adminPassword });
  io.out('Empty database: created the committee and the admin account / 空数据库：已创建根单位与系统管理员账号');
  io.out(
    generated
      ? `admin password (shown once) / 管理员初始密码（仅显示一次）: ${adminPassword}`
      : 'admin password: from RECTIFY_ADMIN_PASSWORD',
  );
  if (handle.dialect === 'postgres')
    io.out('Demo data is not loaded on PostgreSQL; run `rectify demo` on an empty database for it.');
  return true;
}

async function seedIfEmpty(handle: DatabaseHandle, config: Config, io: Io): Promise<boolean> {
  if (!(await isDatabaseEmpty(handle.db))) return false;
  const generated = config.adminPassword === null;
  const adminPassword = config.adminPassword ?? `Rx-${randomBytes(9).toString('base64url')}`;
  const summary = await seedDemo(handle.db, {
    adminPassword,
    evidence: await evidenceStoreFor(config),
  });
  io.out(
    `Demo data loaded / 已载入演示数据: ${summary.inspectedUnits} inspected units with their ${summary.departments} departments / 个被巡察单位及其 ${summary.departments} 个部门, ${summary.inspections} inspections / 次巡察, ${summary.items} ledger items / 条台账事项${summary.archivedItems ? ` (${summary.archivedItems} of them in an archived earlier round / 其中 ${summary.archivedItems} 条在已归档的上一轮)` : ''}.`,
  );
  io.out(
    generated
      ? `admin password (shown once) / 管理员初始密码（仅显示一次）: ${adminPassword}`
      : 'admin password: from RECTIFY_ADMIN_PASSWORD',
  );
  io.out(`Demo accounts, one per role / 演示账号（每种角色一个）, password 密码 ${DEMO_PASSWORD}:`);
  for (const line of accountLines(oneAccountPerRole(summary.users))) io.out(line);
  // The built-in admin is the installation's, with its own password, not one of the demo's accounts.
  const demoAccounts = summary.users.filter((u) => u.role !== 'admin').length;
  io.out(
    `All ${demoAccounts} demo accounts, with their units / 全部 ${demoAccounts} 个演示账号: npx rectify users --demo`,
  );
  return true;
}

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [command = 'help', ...rest] = argv;
  try {
    switch (command) {
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      case 'serve':
        return await serve(rest, io);
      case 'build':
        await ensureWebBuild(io);
        if (!webBuildIsCurrent()) throw new CliError('The web pages could not be built / 网页构建失败');
        io.out('Web pages are current / 网页已是最新');
        return 0;
      case 'migrate': {
        const handle = openDatabase(loadConfig());
        const applied = await migrateToLatest(handle);
        io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date / 数据库已是最新');
        await handle.close();
        return 0;
      }
      case 'demo': {
        if (rest[0] === '--remove') return await removeDemoWorld(io);
        const config = loadConfig();
        const handle = await openMigrated(config);
        const seeded = await seedIfEmpty(handle, config, io);
        if (!seeded)
          io.err(
            'The database already has data; demo data is only loaded into an empty one / 数据库非空，未载入演示数据',
          );
        await handle.close();
        return seeded ? 0 : 1;
      }
      case 'inspections':
        return await inspections(rest, io);
      case 'users':
        return await usersCommand(rest, io);
      case 'audit':
        return await (await import('./audit.ts')).auditCommand(rest, io);
      case 'parse':
      case 'lint': {
        const notices = await import('./notices.ts').catch(() => null);
        if (!notices) {
          io.err('Notice parsing is not available in this build / 本版本不含通报解析');
          return 2;
        }
        return command === 'parse' ? notices.parseCommand(rest, io) : notices.lintCommand(rest, io);
      }
      case 'notice':
        if (rest[0] === 'import')
          return await (await import('./notice-import.ts')).noticeImportCommand(rest.slice(1), io);
        return await (await import('./notice-generate.ts')).noticeGenerateCommand(rest, io);
      case 'ledger':
        if (rest[0] === 'import')
          return await (await import('./ledger-import.ts')).ledgerImportCommand(rest.slice(1), io);
        if (rest[0] === 'export')
          return await (await import('./ledger-export.ts')).ledgerExportCommand(rest.slice(1), io);
        io.err('Usage: rectify ledger import|export …  (rectify --help)');
        return 2;
      case 'binder':
        return await (await import('./binder.ts')).binderCommand(rest, io);
      case 'evidence':
        return await (await import('./evidence.ts')).evidenceCommand(rest, io);
      case 'backup':
        return await (await import('./backup.ts')).backupCommand(rest, io);
      case 'restore':
        return await (await import('./backup.ts')).restoreCommand(rest, io);
      case 'storage':
        return await (await import('./storage.ts')).storageCommand(rest, io);
      case 'search':
        return await (await import('./search.ts')).searchCommand(rest, io);
      default:
        io.err(`Unknown command "${command}". Run: rectify --help`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    // node:util parseArgs refuses an unknown or malformed option with a TypeError: a typo, not a crash.
    const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : '';
    if (code.startsWith('ERR_PARSE_ARGS_')) {
      io.err(`${(error as Error).message} / 参数有误（rectify ${command}）. Run: rectify --help`);
      return 2;
    }
    if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
      io.err(`Cannot reach the database / 无法连接数据库: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function serve(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'no-demo': { type: 'boolean', default: false }, 'no-web': { type: 'boolean', default: false } },
    strict: true,
  });
  const config = loadConfig();
  const web = !values['no-web'];
  // One logger for the database layer and the server: the database going away and coming back is in the same log.
  const log = pino({ level: config.logLevel });
  // A worker of RECTIFY_WORKERS: the primary below has prepared the database and the pages (src/cli/serve.ts).
  if (cluster.isWorker) return serveWorker(config, io, { web, log });
  const evidence = await evidenceStoreFor(config);
  // An unreachable bucket, or a wrong RECTIFY_EVIDENCE_KEY, stops the start here rather than at the first download.
  await evidence.backend.ping().catch((error: unknown) => {
    throw new CliError(
      `Evidence storage is not usable / 无法使用佐证材料存储: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  await evidence.checkKeys();
  if (web) await ensureWebBuild(io);
  // Once per server, before any worker starts: leftovers of killed processes go (src/cli/stale-temp.ts); in a bucket
  // shared by several servers only those older than an upload could take.
  const cleanup = await removeStaleTempFiles(config.dataDir);
  const bucketTemporaries =
    evidence.backend.kind === 's3' ? await evidence.backend.removeTemporaries({ olderThanMs: STALE_AFTER_MS }) : 0;
  const registration = await registerServer(config.dataDir);
  const handle = await openMigrated(config, log);
  await prepareEmptyDatabase(handle, config, io, { demo: !values['no-demo'] });
  const ldapUnitsMissing = await ldapUnitCodesMissing(handle.db, config);
  if (ldapUnitsMissing.length > 0)
    log.warn({ unitCodes: ldapUnitsMissing }, 'RECTIFY_LDAP_GROUP_MAP names unit codes the unit tree lacks');
  const started = {
    database: handle.dialect,
    databaseLocation: handle.location,
    dbPoolSize: handle.dialect === 'postgres' ? config.dbPoolSize : undefined,
    workers: config.workers,
    sweepSeconds: config.sweepSeconds,
    logLevel: config.logLevel,
    metrics: config.metricsToken ? '/metrics' : 'off',
    tempFilesRemoved: cleanup.removed.length,
    tempFilesKeptForOtherServers: cleanup.kept,
    store: evidence.backend.describe(),
    bucketTemporariesRemoved: bucketTemporaries,
    ldap: config.ldap?.url ?? 'off',
  };
  if (config.workers === 1)
    return serveProcess(handle, config, io, {
      web,
      log,
      runsTimers: true,
      announce: true,
      started,
      onStopped: registration.stop,
    });
  const location = `${handle.dialect}: ${handle.location}`;
  await handle.close();
  log.info({ ...started, address: `http://${config.host}:${config.port}` }, 'rectify started');
  return runPrimary(config, io, location, registration.stop);
}

/** `rectify demo --remove`, acting as the built-in admin: the demo world goes, real data stays. */
async function removeDemoWorld(io: Io): Promise<number> {
  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    const removed = await removeDemo(await cliContext(handle, config));
    if (removed.units + removed.users + removed.retiredUsers + removed.rounds === 0) {
      io.out('No demo data to remove / 没有演示数据');
      return 0;
    }
    io.out(
      `Demo data removed / 已删除演示数据: ${removed.units} units, ${removed.users} accounts, ${removed.inspections} inspections, ${removed.items} items.`,
    );
    if (removed.retiredUsers > 0) {
      io.out(
        `${removed.retiredUsers} demo accounts named in the audit trail were deactivated, not deleted / 审计记录中出现的演示账号已停用`,
      );
    }
    return 0;
  } finally {
    await handle.close();
  }
}

async function inspections(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig();
  const handle = await openMigrated(config);
  try {
    // The CLI runs with the operator's full view of the database, as the server's administrator would.
    const rows = await listInspections(
      handle.db,
      readScope({ id: 0, role: 'admin', unitId: 0, unitPath: '/', teamId: null }),
      {},
    );
    const shaped = rows.map((r) => ({
      id: r.id,
      unit: r.unitName,
      team: r.teamName,
      round: r.roundName,
      kind: r.kind,
      from: r.from,
      to: r.to,
      feedback_on: r.feedbackOn,
      report_due_on: r.reportDueOn,
    }));
    if (values.json) io.out(JSON.stringify(shaped, null, 2));
    else
      for (const r of shaped)
        io.out(`${r.id}\t${r.unit}\t${r.team}\t${r.round}\t${r.from}~${r.to}\t反馈 ${r.feedback_on ?? '—'}`);
    return 0;
  } finally {
    await handle.close();
  }
}
