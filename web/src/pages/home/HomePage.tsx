import { type ComponentType, lazy } from 'react';
import type { Role } from '../../api/queries/auth.ts';
import { useSession } from '../../auth/session.tsx';

/**
 * Each role's home is its own chunk: a department clerk's phone loads the task cards, not the office's tables, charts
 * and pickers. main.tsx asks for the signed-in role's chunk as the app starts (loadRoleHome).
 */
const homes = {
  department: () => import('./DepartmentHome.tsx').then((m) => m.DepartmentHome),
  leader: () => import('./LeaderHome.tsx').then((m) => m.LeaderHome),
  unitAdmin: () => import('./UnitAdminHome.tsx').then((m) => m.UnitAdminHome),
  office: () => import('./OfficeHome.tsx').then((m) => m.OfficeHome),
};
type Kind = keyof typeof homes;
type Home = ComponentType<{ readOnly: boolean }>;

/** Each role starts from the view of the work it answers for. */
const kindOf = (role: Role): Kind =>
  role === 'department'
    ? 'department'
    : role === 'unit_leader'
      ? 'leader'
      : role === 'unit_admin'
        ? 'unitAdmin'
        : 'office';

const loaded: Partial<Record<Kind, Home>> = {};
const loading: Partial<Record<Kind, Promise<Home>>> = {};

/** The role's home code (once); a wide screen's lists are tables, whose code comes along. */
export function loadRoleHome(role: Role): Promise<Home> {
  const kind = kindOf(role);
  if (window.matchMedia?.('(min-width: 768px)').matches) void import('./ItemTable.tsx').catch(() => {});
  loading[kind] ??= homes[kind]().then((home) => {
    loaded[kind] = home as Home;
    return home as Home;
  });
  return loading[kind];
}

const lazyHomes = new Map<Kind, Home>();
function lazyHome(role: Role): Home {
  const kind = kindOf(role);
  let home = lazyHomes.get(kind);
  if (!home) {
    home = lazy(() => loadRoleHome(role).then((c) => ({ default: c })));
    lazyHomes.set(kind, home);
  }
  return home;
}

export default function HomePage() {
  const { user } = useSession();
  // Once loaded (main.tsx asks at start-up), the home renders at once rather than suspending for a turn.
  const Home = loaded[kindOf(user.role)] ?? lazyHome(user.role);
  return <Home readOnly={user.role === 'supervisor'} />;
}
