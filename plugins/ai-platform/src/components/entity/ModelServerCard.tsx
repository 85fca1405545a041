import {
  AI_PLATFORM_ANNOTATIONS,
  DiscoveredModelServer,
} from '@ai-platform/plugin-ai-platform-common';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Skeleton from '@mui/material/Skeleton';
import useAsync from 'react-use/esm/useAsync';
import { AiPlatformThemeProvider } from '../shared/AiPlatformThemeProvider';
import { Section } from '../shared/Section';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { serverCluster, servedModelRef } from '../catalog/entityHelpers';
import { FactList } from './FactList';
import { ReactNode } from 'react';

function sourceKey(s: DiscoveredModelServer['source']) {
  return `${s.apiVersion}/${s.kind}/${s.namespace}/${s.name}`;
}

function gpusRequested(server: DiscoveredModelServer): string {
  const entries = Object.entries(server.acceleratorRequests);
  if (entries.length === 0) return 'None';
  return (
    entries.map(([resource, n]) => `${n} × ${resource}`).join(', ') +
    (server.replicas !== undefined
      ? ` per replica, ${server.replicas} replica${
          server.replicas === 1 ? '' : 's'
        }`
      : '')
  );
}

function readyLabel(ready: boolean | 'unknown'): string {
  if (ready === 'unknown') return 'Unknown';
  return ready ? 'Yes' : 'No';
}

/** A model-server Component: the model it serves, its cluster and the GPUs it requests. */
export function ModelServerCard() {
  const { entity } = useEntity();
  const api = useAiPlatformApi();
  const model = servedModelRef(entity);
  const cluster = serverCluster(entity);
  const source =
    entity.metadata.annotations?.[AI_PLATFORM_ANNOTATIONS.sourceObject];
  const discovered = useAsync(async () => {
    if (!cluster.name || !source) return undefined;
    const { items } = await api.listDiscoveredWorkloads({
      cluster: cluster.name,
    });
    return items
      .flatMap(w => w.modelServers)
      .find(s => sourceKey(s.source) === source);
  }, [api, cluster.name, source]);

  let live: [string, ReactNode][];
  if (!source) {
    live = [
      [
        'GPUs requested',
        'Not known: this server was not discovered from a cluster',
      ],
    ];
  } else if (discovered.loading) {
    live = [['GPUs requested', <Skeleton width={120} />]];
  } else if (discovered.error) {
    live = [['GPUs requested', `Unavailable: ${discovered.error.message}`]];
  } else if (!discovered.value) {
    live = [
      ['GPUs requested', 'Not found in the latest snapshot of the cluster'],
    ];
  } else {
    const s = discovered.value;
    live = [
      ['Engine', s.engine],
      ['GPUs requested', gpusRequested(s)],
      ['Ready', readyLabel(s.ready)],
      ['Endpoint', s.url ?? '—'],
      [
        'Inference pools',
        s.inferencePools.length ? s.inferencePools.join(', ') : 'None',
      ],
    ];
  }

  return (
    <AiPlatformThemeProvider>
      <Section title="Model server">
        <FactList
          facts={[
            [
              'Model',
              model ? (
                <EntityRefLink entityRef={model} defaultKind="model" />
              ) : (
                'Not linked to a Model'
              ),
            ],
            [
              'Cluster',
              cluster.resourceRef ? (
                <EntityRefLink entityRef={cluster.resourceRef} />
              ) : (
                cluster.name ?? '—'
              ),
            ],
            ['Source object', source ? <code>{source}</code> : '—'],
            ...live,
          ]}
        />
      </Section>
    </AiPlatformThemeProvider>
  );
}
