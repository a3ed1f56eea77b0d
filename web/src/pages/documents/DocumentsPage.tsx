import { Col, Row, Segmented, Space, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../src/domain/notice-writing.ts';
import { useInspections } from '../../api/queries/inspections.ts';
import { useSession } from '../../auth/session.tsx';
import { InspectionPicker } from '../../components/InspectionPicker.tsx';
import { useNarrow } from '../../components/ItemCards.tsx';
import { useT } from '../../i18n/index.tsx';
import { DocumentPreview, DownloadButtons, PublicSwitch } from './DocumentPreview.tsx';
import { LintPanel } from './LintPanel.tsx';
import { documentMessages } from './messages.ts';
import { NoticeImport } from './NoticeImport.tsx';
import { WritingEditor } from './WritingEditor.tsx';

function WriteTab({ inspectionId, kind }: { inspectionId: number; kind: DocumentKind }) {
  const { abilities: can } = useSession();
  const [publicVersion, setPublicVersion] = useState(true);
  const internal = can.readInternal;
  return (
    // Side by side from 992 px (the preview kept in sight while the form scrolls with the page); one above the other on
    // a phone or a narrow window.
    <Row gutter={[20, 16]}>
      <Col xs={24} lg={11} style={{ minWidth: 0 }}>
        <WritingEditor
          key={`${inspectionId}-${kind}`}
          inspectionId={inspectionId}
          kind={kind}
          editable={can.editNotice}
        />
      </Col>
      <Col xs={24} lg={13} style={{ minWidth: 0 }}>
        <div style={{ position: 'sticky', top: 8 }}>
          <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
            <DownloadButtons inspectionId={inspectionId} kind={kind} publicVersion={publicVersion || !internal} />
            {kind === 'notice' && internal && <PublicSwitch value={publicVersion} onChange={setPublicVersion} />}
          </Space>
          <DocumentPreview inspectionId={inspectionId} kind={kind} publicVersion={publicVersion || !internal} />
        </div>
      </Col>
    </Row>
  );
}

export default function DocumentsPage() {
  const t = useT(documentMessages);
  const { abilities: can } = useSession();
  const [params, setParams] = useSearchParams();
  const inspections = useInspections().data?.inspections;
  const inspectionId = Number(params.get('inspectionId')) || null;
  const internal = can.readInternal;
  const requestedKind = DOCUMENT_KINDS.find((k) => k === params.get('kind'));
  const kind: DocumentKind = internal && requestedKind ? requestedKind : 'notice';
  const [tab, setTab] = useState('write');
  // Three document names side by side are wider than a phone: there they stand one above the other.
  const narrow = useNarrow();

  const choose = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // A unit sees one inspection as a rule: open it rather than ask.
  useEffect(() => {
    if (inspectionId === null && inspections?.length === 1) choose({ inspectionId: String(inspections[0].id) });
  }, [inspectionId, inspections, choose]);

  const kinds = internal ? DOCUMENT_KINDS : (['notice'] as const);
  const tabs = [
    ...(inspectionId
      ? [
          {
            key: 'write',
            label: t('tabWrite'),
            children: <WriteTab inspectionId={inspectionId} kind={kind} />,
          },
          { key: 'lint', label: t('tabLint'), children: <LintPanel inspectionId={inspectionId} /> },
        ]
      : []),
    ...(can.importNotice ? [{ key: 'import', label: t('tabImport'), children: <NoticeImport /> }] : []),
  ];
  const activeTab = tabs.some((x) => x.key === tab) ? tab : tabs[0]?.key;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
        <InspectionPicker
          value={inspectionId}
          onChange={(id) => choose({ inspectionId: id === null ? null : String(id) })}
        />
        {inspectionId && activeTab === 'write' && (
          <Segmented<DocumentKind>
            aria-label={t('document')}
            vertical={narrow}
            value={kind}
            onChange={(k) => choose({ kind: k })}
            options={kinds.map((k) => ({ value: k, label: t(k) }))}
          />
        )}
      </Space>
      {!inspectionId && tabs.length === 0 ? (
        <Typography.Paragraph>{t('pickFirst')}</Typography.Paragraph>
      ) : (
        <>
          {!inspectionId && <Typography.Paragraph>{t('pickFirst')}</Typography.Paragraph>}
          <Tabs activeKey={activeTab} onChange={setTab} items={tabs} destroyOnHidden={false} />
        </>
      )}
    </div>
  );
}
