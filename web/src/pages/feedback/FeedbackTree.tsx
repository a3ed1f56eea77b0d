import { Empty, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, useMemo, useState } from 'react';
import type { Plan, PlanItem, PlanProblem } from '../../api/queries/plan.ts';
import { useT } from '../../i18n/index.tsx';
import { feedbackMessages } from './messages.ts';
import { NodePanel } from './NodePanel.tsx';
import { NO_ASPECT, type NodeKey, orderedItems } from './outline.ts';

function Title({ text, count }: { text: string; count?: string }) {
  return (
    <span className="feedback-node">
      <span className="feedback-node-text">{text}</span>
      {count && <span className="feedback-node-count">{count}</span>}
    </span>
  );
}

const itemLabel = (i: PlanItem) => (i.number ? `${i.number}. ${i.title}` : i.title);

/** Left: 方面 → 反馈问题 → 具体问题, with counts, keyboard-navigable; right: the chosen node's form. */
export function FeedbackTree({
  plan,
  reload,
  selected,
  onSelect,
}: {
  plan: Plan;
  reload: () => void;
  selected: NodeKey | null;
  onSelect: (key: NodeKey) => void;
}) {
  const t = useT(feedbackMessages);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const { treeData, parents } = useMemo(() => {
    const items = orderedItems(plan);
    const aspectIds = new Set(plan.aspects.map((a) => a.id));
    const inAspect = (id: number | null) => (id !== null && aspectIds.has(id) ? `aspect:${id}` : NO_ASPECT);
    const problemIds = new Set(plan.problems.map((p) => p.id));
    const itemNode = (i: PlanItem): DataNode => ({
      key: `item:${i.id}`,
      isLeaf: true,
      title: <Title text={itemLabel(i)} count={t('measureCount', { m: i.measures.length })} />,
    });
    const problemNode = (p: PlanProblem): DataNode => {
      const own = items.filter((i) => i.problemId === p.id);
      return {
        key: `problem:${p.id}`,
        title: (
          <Title text={p.number ? `${p.number}. ${p.title}` : p.title} count={t('itemCount', { i: own.length })} />
        ),
        children: own.map(itemNode),
      };
    };
    const aspectNode = (key: string, name: string): DataNode => {
      const problems = plan.problems.filter((p) => inAspect(p.aspectId) === key);
      const direct = items.filter(
        (i) => (i.problemId === null || !problemIds.has(i.problemId)) && inAspect(i.aspectId) === key,
      );
      const total = items.filter((i) =>
        i.problemId !== null && problemIds.has(i.problemId)
          ? problems.some((p) => p.id === i.problemId)
          : inAspect(i.aspectId) === key,
      ).length;
      return {
        key,
        title: <Title text={name} count={t('counts', { p: problems.length, i: total })} />,
        children: [...problems.map(problemNode), ...direct.map(itemNode)],
      };
    };
    const nodes = plan.aspects.map((a) => aspectNode(`aspect:${a.id}`, a.name));
    const orphan = aspectNode(NO_ASPECT, t('noAspect'));
    if (orphan.children?.length) nodes.push(orphan);
    const parents: string[] = [];
    const walk = (list: DataNode[]) => {
      for (const n of list) {
        if (n.children?.length) {
          parents.push(String(n.key));
          walk(n.children);
        }
      }
    };
    walk(nodes);
    return { treeData: nodes, parents };
  }, [plan, t]);

  const expandedKeys = parents.filter((k) => !collapsed.has(k));
  const onExpand = (keys: Key[]) => {
    const open = new Set(keys.map(String));
    setCollapsed(new Set(parents.filter((k) => !open.has(k))));
  };
  const current = selected ?? (plan.aspects.length > 0 ? `aspect:${plan.aspects[0].id}` : null);

  if (treeData.length === 0) return <Empty description={t('emptyTree')} />;
  return (
    <div className="feedback-split">
      <section className="feedback-tree" aria-label={t('treeLabel')}>
        <Tree
          blockNode
          showLine
          treeData={treeData}
          expandedKeys={expandedKeys}
          onExpand={onExpand}
          selectedKeys={current ? [current] : []}
          onSelect={(keys) => keys.length > 0 && onSelect(String(keys[0]))}
        />
      </section>
      <section className="feedback-panel" aria-live="polite">
        {current ? (
          <NodePanel
            plan={plan}
            nodeKey={current}
            reload={reload}
            onCreated={(key, parent) => {
              if (collapsed.has(parent)) setCollapsed(new Set([...collapsed].filter((k) => k !== parent)));
              onSelect(key);
            }}
          />
        ) : (
          <Typography.Text type="secondary">{t('selectNode')}</Typography.Text>
        )}
      </section>
    </div>
  );
}
