import { VerdictChange } from '@ai-platform/plugin-ai-platform-common';
import { VerdictBadge } from '../shared/badges';
import { formatAge, formatDateTime } from '../shared/format';
import { Column, SimpleTable } from '../shared/SimpleTable';

export function VerdictChangeTable(props: {
  changes: VerdictChange[];
  label: string;
  showCluster?: boolean;
  emptyMessage?: string;
}) {
  const columns: Column<VerdictChange>[] = [
    {
      title: 'When',
      nowrap: true,
      render: c => <span title={formatDateTime(c.at)}>{formatAge(c.at)}</span>,
    },
    ...(props.showCluster
      ? [{ title: 'Cluster', render: (c: VerdictChange) => c.cluster }]
      : []),
    { title: 'Requirement', rowHeader: true, render: c => c.requirementId },
    { title: 'Checklist', render: c => c.checklistVersion },
    {
      title: 'Change',
      render: c => (
        <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
          {c.from ? <VerdictBadge verdict={c.from} /> : 'new'}
          <span aria-label="changed to">→</span>
          <VerdictBadge verdict={c.to} />
        </span>
      ),
    },
    { title: 'Why', render: c => c.reason },
  ];
  return (
    <SimpleTable
      label={props.label}
      rows={props.changes}
      rowKey={(c, i) => `${c.cluster}/${c.requirementId}/${c.at}/${i}`}
      columns={columns}
      emptyMessage={props.emptyMessage}
    />
  );
}
