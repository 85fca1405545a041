import { ConformanceMatrix } from '@ai-platform/plugin-ai-platform-common';
import { Link } from '@backstage/core-components';
import { ReadinessBadge, StaleBadge } from '../shared/badges';
import { SimpleTable } from '../shared/SimpleTable';
import { useAiPlatformLinks } from '../shared/links';
import { orDash } from '../shared/format';

type Row = ConformanceMatrix['clusters'][number];

/** A cluster's summary against its own checklist version, as certification would score it. */
function ownSummary(matrix: ConformanceMatrix, row: Row) {
  return (
    row.ownChecklist ?? {
      checklistVersion: matrix.checklistVersion,
      must: row.must,
      should: row.should,
      readiness: row.readiness,
    }
  );
}

export function ConformanceReadiness(props: { matrix: ConformanceMatrix }) {
  const links = useAiPlatformLinks();
  const own = (row: Row) => ownSummary(props.matrix, row);
  return (
    <SimpleTable
      label="Conformance readiness"
      rows={props.matrix.clusters}
      rowKey={c => c.cluster}
      emptyMessage="No cluster has a scorecard yet."
      columns={[
        {
          title: 'Cluster',
          rowHeader: true,
          render: c => (
            <>
              <Link to={links.conformance({ cluster: c.cluster })}>
                {c.cluster}
              </Link>{' '}
              {c.stale && <StaleBadge title="Scored on a stale snapshot" />}
            </>
          ),
        },
        { title: 'Kubernetes', render: c => orDash(c.kubernetesVersion) },
        { title: 'Checklist', render: c => own(c).checklistVersion },
        {
          title: 'MUSTs passed',
          align: 'right',
          render: c => `${own(c).must.pass} of ${own(c).must.total}`,
        },
        {
          title: 'SHOULDs passed',
          align: 'right',
          render: c => `${own(c).should.pass} of ${own(c).should.total}`,
        },
        {
          title: 'Readiness',
          render: c => <ReadinessBadge readiness={own(c).readiness} />,
        },
      ]}
    />
  );
}
