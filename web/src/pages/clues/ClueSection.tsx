import { App, Button, Card, Divider, Empty, Form, Input, Space, Typography } from 'antd';
import { Fragment, useState } from 'react';
import { useItemClues, useMarkClue } from '../../api/queries/clues.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../supervision/FormDialog.tsx';
import { ClueBlock } from './ClueBlock.tsx';
import { clueMessages } from './messages.ts';

/**
 * Issue 15 (问题线索): the item page's clue section, for the office and the supervisors only (the page asks
 * `abilities.seeClues` before drawing it; the server refuses everyone else). The clues on the item and on its problem,
 * each with its handling; marking the item or its problem.
 */
export function ClueSection({ itemId }: { itemId: number }) {
  const t = useT(clueMessages);
  const clues = useItemClues(itemId);
  const [marking, setMarking] = useState<{ itemId: number } | { problemId: number } | null>(null);
  const data = clues.data;
  const onItem = data?.clues.some((c) => c.itemId === itemId) ?? false;
  const onProblem = data?.problemId != null && data.clues.some((c) => c.problemId === data.problemId);
  return (
    <Card title={t('sectionTitle')} id="clues" className="clue-section">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('sectionIntro')}
      </Typography.Paragraph>
      {clues.error ? <ErrorAlert error={clues.error} onRetry={clues.refetch} /> : null}
      {data && data.clues.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noCluesHere')} />
      ) : null}
      {data?.clues.map((c, i) => (
        <Fragment key={c.id}>
          {i > 0 ? <Divider /> : null}
          <ClueBlock clue={c} />
        </Fragment>
      ))}
      {data?.mayMark && (!onItem || (data.problemId !== null && !onProblem)) ? (
        <Space wrap style={{ marginTop: 12 }}>
          {!onItem ? <Button onClick={() => setMarking({ itemId })}>{t('markItem')}</Button> : null}
          {data.problemId !== null && !onProblem ? (
            <Button onClick={() => setMarking({ problemId: data.problemId as number })}>{t('markProblem')}</Button>
          ) : null}
        </Space>
      ) : null}
      {marking ? <MarkDialog target={marking} onClose={() => setMarking(null)} /> : null}
    </Card>
  );
}

function MarkDialog({ target, onClose }: { target: { itemId: number } | { problemId: number }; onClose: () => void }) {
  const t = useT(clueMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ description: string }>();
  const mark = useMarkClue();
  return (
    <FormDialog<{ description: string }>
      form={form}
      title={'itemId' in target ? t('markItem') : t('markProblem')}
      okText={t('mark')}
      sending={mark.isPending}
      error={mark.error}
      onClose={onClose}
      onSubmit={({ description }) =>
        mark.mutate(
          { target, description: description.trim() },
          {
            onSuccess: () => {
              message.success(t('marked'));
              onClose();
            },
          },
        )
      }
    >
      <Form.Item
        name="description"
        label={t('description')}
        rules={[{ required: true, whitespace: true, message: t('required', { field: t('description') }) }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormDialog>
  );
}
