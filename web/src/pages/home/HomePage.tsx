import { useSession } from '../../auth/session.tsx';
import { DepartmentHome } from './DepartmentHome.tsx';
import { LeaderHome } from './LeaderHome.tsx';
import { OfficeHome } from './OfficeHome.tsx';
import { UnitAdminHome } from './UnitAdminHome.tsx';

/** Each role starts from the view of the work it answers for. */
export default function HomePage() {
  const { user } = useSession();
  switch (user.role) {
    case 'department':
      return <DepartmentHome />;
    case 'unit_leader':
      return <LeaderHome />;
    case 'unit_admin':
      return <UnitAdminHome />;
    case 'supervisor':
      return <OfficeHome readOnly />;
    default:
      return <OfficeHome readOnly={false} />;
  }
}
