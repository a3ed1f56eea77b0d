import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { NOT_STARTED, WORKFLOW_EVENTS, type WorkflowSnapshot } from '../domain/workflow.ts';
import type { sessionBody } from '../http/routes/auth/auth.schema.ts';
import type { itemDetail } from '../http/routes/items/items.schema.ts';
import { createTestApp, multipart, type TestApp, type TestClient } from '../test/api.ts';
import { createTestDatabase, testDialects } from '../test/databases.ts';
import { addEvidenceRow, buildUser, buildWorld, TEST_PASSWORD, type World, type WorldUser } from '../test/factories.ts';
import { type Actor, itemAbilities, type SessionAbilities, sessionAbilities } from './policies.ts';

type Session = Static<typeof sessionBody>;
type ItemDetail = Static<typeof itemDetail>;

const actorOf = (role: Role, id = 1): Actor => ({ id, role, unitId: 1, unitPath: '/1/', teamId: 7 });

describe('session abilities', () => {
  /** The roles each menu entry showed before the web was sent abilities (web/src/layout/roles.ts, now gone). */
  const menu: Partial<Record<keyof SessionAbilities, Role[]>> = {
    enterFeedback: ['admin', 'office', 'team', 'unit_admin'],
    writeDocuments: ['admin', 'office', 'team', 'unit_admin', 'unit_leader', 'supervisor'],
    exchangeLedgers: ['admin', 'office', 'unit_admin', 'unit_leader', 'team'],
    administer: ['admin', 'office'],
    publish: ['admin', 'office', 'unit_admin', 'unit_leader', 'supervisor'],
    seeSupervision: ['admin', 'office', 'team', 'unit_admin', 'unit_leader', 'supervisor'],
    seeRecurrence: ['admin', 'office', 'team', 'supervisor'],
    manageUsers: ['admin'],
    operateReminders: ['admin', 'office'],
    seeAccounts: ['admin', 'security_admin'],
    secureAccounts: ['admin', 'security_admin'],
    grantRoles: ['admin', 'security_admin'],
    grantAdministratorRoles: ['admin', 'security_admin'],
    readAuditLog: ['admin', 'office', 'auditor'],
  };
  for (const [ability, roles] of Object.entries(menu)) {
    it(`offers ${ability} to the roles it always did`, () => {
      const offered = ROLES.filter((role) => sessionAbilities(actorOf(role))[ability as keyof SessionAbilities]);
      expect([...offered].sort()).toEqual([...roles].sort());
    });
  }
});

describe('session abilities under 三员分立 (separationOfDuties)', () => {
  const strict = (role: Role): Actor => ({ ...actorOf(role), separationOfDuties: true });
  /** Under separation the system administrator keeps accounts and the unit tree; business and the trail go. */
  const menu: Partial<Record<keyof SessionAbilities, Role[]>> = {
    enterFeedback: ['office', 'team', 'unit_admin'],
    administer: ['office'],
    importNotice: ['office'],
    seeRecurrence: ['office', 'team', 'supervisor'],
    manageUsers: ['admin'],
    seeAccounts: ['admin', 'security_admin'],
    secureAccounts: ['security_admin'],
    grantRoles: ['admin', 'security_admin'],
    grantAdministratorRoles: ['security_admin'],
    operateReminders: ['office'],
    readAuditLog: ['auditor'],
  };
  for (const [ability, roles] of Object.entries(menu)) {
    it(`offers ${ability} to ${roles.join(', ')}`, () => {
      const offered = ROLES.filter((role) => sessionAbilities(strict(role))[ability as keyof SessionAbilities]);
      expect([...offered].sort()).toEqual([...roles].sort());
    });
  }
  it('offers the three administrators no business page in either mode', () => {
    const accountPages = ['manageUsers', 'seeAccounts', 'secureAccounts', 'grantRoles', 'grantAdministratorRoles'];
    for (const actor of [
      strict('admin'),
      strict('security_admin'),
      strict('auditor'),
      actorOf('security_admin'),
      actorOf('auditor'),
    ]) {
      const offered = Object.entries(sessionAbilities(actor))
        .filter(([name, yes]) => yes && !accountPages.includes(name) && name !== 'readAuditLog')
        .map(([name]) => name);
      expect(offered, `${actor.role} ${actor.separationOfDuties ? 'strict' : ''}`).toEqual([]);
    }
  });
});

describe('item abilities', () => {
  const item = { unitPath: '/1/', teamId: 7, departmentPaths: ['/1/'] };
  it('never offers a review of one’s own request', () => {
    const requested: WorkflowSnapshot = {
      state: 'close_requested',
      closeStage: 'unit_review',
      closeRequestedBy: 1,
      closeApprovedBy: null,
    };
    expect(itemAbilities(actorOf('unit_leader', 1), item, requested).events).toEqual(['return']);
    expect(itemAbilities(actorOf('unit_leader', 2), item, requested).events).toEqual(['approve', 'return']);
    const approved: WorkflowSnapshot = { ...requested, closeStage: 'office_review', closeApprovedBy: 2 };
    expect(itemAbilities(actorOf('office', 2), item, approved).events).toEqual(['return']);
    expect(itemAbilities(actorOf('office', 3), item, approved).events).toEqual(['confirm', 'return']);
  });
  it('offers the recorders the first steps and nothing else', () => {
    expect(itemAbilities(actorOf('department'), item, NOT_STARTED)).toEqual({
      events: ['start', 'request_close'],
      editFeedback: false,
      editPlan: false,
      recordProgress: true,
      addEvidence: true,
      addOutcome: true,
      supervise: false,
      requestExtension: true,
      decideExtension: false,
    });
  });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const USERS: WorldUser[] = [
  'admin',
  'office',
  'teamA',
  'supervisor',
  'unitAdminA',
  'leaderA',
  'deptA1',
  'deptA2',
  'unitAdminB',
];

/** Each ability sent says yes exactly when the route it stands for then answers 2xx (or gets past every check). */
describe.each(testDialects())('abilities agree with the routes on %s', (dialect) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let w: World;
  let office: TestClient;
  const clients = {} as Record<WorldUser, TestClient>;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    w = await buildWorld(handle.db);
    t = await createTestApp(handle);
    office = await t.login('office');
    for (const user of USERS) clients[user] = await t.login(user.toLowerCase());
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  const detail = async (client: TestClient, itemId: number) =>
    (await client.get(`/api/items/${itemId}`)).json<ItemDetail>();
  /** A write sent at a version long past: it reaches the version check (409 stale_version) only after every rule said yes. */
  const passesEveryCheck = (res: { statusCode: number; json: () => { error?: { code: string } } }) =>
    res.statusCode === 409 && res.json().error?.code === 'stale_version';

  it('sends the session’s abilities with the sign-in and the session, as the routes decide', async () => {
    for (const user of USERS) {
      const client = clients[user];
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.toLowerCase(), password: TEST_PASSWORD },
      });
      const { abilities } = (await client.get('/api/auth/session')).json<Session>();
      expect(signIn.json<Session>().abilities, user).toEqual(abilities);
      expect(abilities, user).toEqual(sessionAbilities(w.users[user].actor));
      const allowed = async (url: string) => (await client.get(url)).statusCode === 200;
      expect(abilities.manageUsers, `${user} users`).toBe(await allowed('/api/users'));
      expect(abilities.operateReminders, `${user} outbox`).toBe(await allowed('/api/notifications/deliveries'));
      expect(abilities.readAuditLog, `${user} audit`).toBe(await allowed('/api/audit-events'));
      const ownInspection = user === 'unitAdminB' ? w.inspectionB : w.inspectionA;
      expect(abilities.readInternal, `${user} internal`).toBe(
        await allowed(`/api/inspections/${ownInspection}/documents/notice?format=txt&public=false`),
      );
    }
  });

  it('sends the three administrators’ abilities as the account and audit routes decide, strict and not', async () => {
    const security = await buildUser(handle.db, { username: 'secadmin', role: 'security_admin', unit: w.committee });
    const auditor = await buildUser(handle.db, { username: 'auditor', role: 'auditor', unit: w.committee });
    const admins = { admin: w.users.admin, secadmin: security, auditor };
    try {
      for (const separationOfDuties of [false, true]) {
        t.config.separationOfDuties = separationOfDuties;
        for (const [name, user] of Object.entries(admins)) {
          const client = await t.login(name);
          const { abilities } = (await client.get('/api/auth/session')).json<Session>();
          const what = `${name}${separationOfDuties ? ' strict' : ''}`;
          expect(abilities, what).toEqual(sessionAbilities({ ...user.actor, separationOfDuties }));
          const allowed = async (url: string) => (await client.get(url)).statusCode === 200;
          expect(abilities.seeAccounts, `${what} users`).toBe(await allowed('/api/users'));
          expect(abilities.secureAccounts, `${what} settings`).toBe(await allowed('/api/security-settings'));
          expect(abilities.readAuditLog, `${what} audit`).toBe(await allowed('/api/audit-events'));
          expect(abilities.operateReminders, `${what} outbox`).toBe(await allowed('/api/notifications/deliveries'));
          expect(abilities.readInternal, `${what} internal`).toBe(
            await allowed(`/api/inspections/${w.inspectionA}/documents/notice?format=txt&public=false`),
          );
        }
      }
    } finally {
      t.config.separationOfDuties = false;
    }
  });

  it('sends each item’s abilities with its detail, as the item routes decide', async () => {
    const itemId = w.itemA1;
    const readers = USERS.filter((u) => !['deptA2', 'unitAdminB'].includes(u));
    const stale = 10_000;
    for (const user of readers) {
      const client = clients[user];
      const { abilities } = await detail(client, itemId);
      const plan = await client.patch(`/api/items/${itemId}`, { version: stale, responsibleLeader: `${user}定的领导` });
      expect(abilities.editPlan, `${user} editPlan`).toBe(passesEveryCheck(plan));
      const feedback = await client.patch(`/api/items/${itemId}`, { version: stale, description: `${user}补充` });
      expect(abilities.editFeedback, `${user} editFeedback`).toBe(passesEveryCheck(feedback));
      const outcome = await client.post(`/api/items/${itemId}/outcomes`, {
        kind: 'rule_made',
        title: `${user}建立的制度`,
      });
      expect(abilities.addOutcome, `${user} addOutcome`).toBe(outcome.statusCode === 201);
      const upload = await client.inject({
        method: 'POST',
        url: `/api/items/${itemId}/evidence`,
        ...multipart({ effectiveOn: '2026-08-01' }, { name: `${user}.pdf`, content: PDF }),
      });
      expect(abilities.addEvidence, `${user} addEvidence`).toBe(upload.statusCode === 201);
    }
    // Progress is recorded last: the first entry starts the item.
    for (const user of readers) {
      const { abilities } = await detail(clients[user], itemId);
      const progress = await clients[user].post(`/api/items/${itemId}/progress`, {
        entryOn: '2026-08-01',
        content: `${user}记录的进展`,
      });
      expect(abilities.recordProgress, `${user} recordProgress`).toBe(progress.statusCode === 201);
    }
  });

  it('offers each workflow event exactly where the transition is accepted, at every step of the close-out', async () => {
    const itemId = w.itemA2;
    await addEvidenceRow(handle.db, itemId, w.users.unitAdminA.id);
    const probe = async () => {
      for (const user of USERS) {
        const client = clients[user];
        const read = await client.get(`/api/items/${itemId}`);
        const offered = read.statusCode === 200 ? read.json<ItemDetail>().abilities.events : [];
        for (const event of WORKFLOW_EVENTS) {
          const res = await client.post(`/api/items/${itemId}/transitions`, {
            event,
            version: 10_000,
            note: '核查说明',
          });
          expect(offered.includes(event), `${user} ${event}`).toBe(passesEveryCheck(res));
        }
      }
    };
    const move = async (client: TestClient, event: string) => {
      const { version } = await detail(office, itemId);
      const res = await client.post(`/api/items/${itemId}/transitions`, { event, version, note: '核查说明' });
      expect(res.statusCode, `${event}: ${res.body}`).toBe(204);
    };
    await probe(); // not started
    await move(clients.unitAdminA, 'start');
    await probe();
    await move(clients.unitAdminA, 'request_close');
    await probe(); // awaiting the unit leader
    await move(clients.leaderA, 'approve');
    await probe(); // awaiting the office
    await move(office, 'confirm');
    await probe(); // closed
  });
});
