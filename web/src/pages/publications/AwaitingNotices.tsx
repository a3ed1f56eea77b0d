import { Button, Card, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useAwaitingVersions } from '../../api/queries/publications.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ItemCards } from '../../components/ItemCards.tsx';
import { useT } from '../../i18n/index.tsx';
import { publicationMessages, versionStateText } from './messages.ts';
import { VERSION_COLOR } from './PublishingCard.tsx';

/**
 * 待审批的公告 (issue 15): the versions waiting for the reader — a unit leader's submitted ones, the office's approved
 * ones — each opening the publications page on its inspection, where the approval happens. Shown on the leader's and
 * the office's home (always, so the task list says "none" too) and on the publications page (only when some wait).
 */
export function AwaitingNotices({ hideWhenEmpty = false }: { hideWhenEmpty?: boolean }) {
  const t = useT(publicationMessages);
  const vs = useT(versionStateText);
  const { user } = useSession();
  const approver = user.role === 'unit_leader' || user.role === 'office' || user.role === 'admin';
  const awaiting = useAwaitingVersions(approver);
  const navigate = useNavigate();
  const versions = awaiting.data?.versions ?? [];
  if (!approver || (hideWhenEmpty && versions.length === 0)) return null;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0, fontWeight: 600 }}>{t('awaitingTitle')}</h2>}
      style={{ marginBottom: 16 }}
    >
      <ErrorAlert error={awaiting.error} onRetry={awaiting.refetch} />
      <ItemCards
        label={t('awaitingTitle')}
        rows={versions}
        rowKey={(v) => v.id}
        loading={awaiting.isFetching}
        empty={t('awaitingNone')}
        card={(v) => ({
          title: v.title,
          meta: (
            <>
              <Tag color={VERSION_COLOR[v.state]}>{vs(v.state)}</Tag>
              {v.number > 1 && <Tag color="orange">{t('correctionNumber', { n: v.number })}</Tag>}
              <span>
                {t('period')} {v.publicFrom} ~ {v.publicTo}
              </span>
            </>
          ),
          detail: `${v.unitName} · ${v.preparedByName}`,
          action: (
            <Button
              type="primary"
              aria-label={t('reviewFor', { title: v.title })}
              onClick={() => navigate(`/publications?inspection=${v.inspectionId}`)}
            >
              {t('review')}
            </Button>
          ),
        })}
      />
    </Card>
  );
}
