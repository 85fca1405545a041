import { ClusterStatus } from '@ai-platform/plugin-ai-platform-common';
import { Link } from '@backstage/core-components';
import Typography from '@mui/material/Typography';
import { ClusterStateBadge } from '../shared/badges';
import { formatAge, formatDateTime, orDash } from '../shared/format';
import { SimpleTable } from '../shared/SimpleTable';
import { useAiPlatformLinks } from '../shared/links';

/** Why the served data may be out of date, in one line. */
export function describeProblem(status: ClusterStatus): string | undefined {
  const parts: string[] = [];
  if (status.lastError) {
    parts.push(
      `Last collection failed (${status.lastError.reason}): ${status.lastError.message}`,
    );
  }
  if (status.partErrors.length > 0) {
    const names = status.partErrors
      .slice(0, 3)
      .map(e => `${e.resource} (${e.reason})`)
      .join(', ');
    const more =
      status.partErrors.length > 3
        ? ` and ${status.partErrors.length - 3} more`
        : '';
    parts.push(`Could not read ${names}${more}`);
  }
  return parts.length ? parts.join('. ') : undefined;
}

export function ClusterHealthTable(props: { clusters: ClusterStatus[] }) {
  const links = useAiPlatformLinks();
  return (
    <SimpleTable
      label="Cluster health"
      rows={props.clusters}
      rowKey={c => c.name}
      emptyMessage="No clusters are configured. Add clusters to the kubernetes.clusterLocatorMethods config or register Resource entities of type kubernetes-cluster."
      columns={[
        {
          title: 'Cluster',
          rowHeader: true,
          render: c => (
            <>
              <Link to={links.inventory({ cluster: c.name })}>{c.name}</Link>
              {c.title && (
                <Typography variant="body2" color="text.secondary">
                  {c.title}
                </Typography>
              )}
            </>
          ),
        },
        {
          title: 'State',
          render: c => <ClusterStateBadge state={c.state} />,
        },
        {
          title: 'Kubernetes',
          render: c => orDash(c.kubernetesVersion?.gitVersion),
        },
        {
          title: 'Last seen',
          render: c => (
            <span title={formatDateTime(c.lastSuccessAt)}>
              {c.lastSuccessAt ? formatAge(c.lastSuccessAt) : 'never'}
            </span>
          ),
        },
        {
          title: 'Problem',
          render: c => {
            const problem = describeProblem(c);
            return problem ? (
              <Typography variant="body2">{problem}</Typography>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {c.state === 'pending' ? 'Not collected yet' : 'None'}
              </Typography>
            );
          },
        },
      ]}
    />
  );
}
