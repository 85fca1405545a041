import { Entity } from '@backstage/catalog-model';
import { EmptyState, Link } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { PageContent } from '../shared/PageContent';
import { Section } from '../shared/Section';
import { Loadable } from '../shared/Loadable';
import { SimpleTable } from '../shared/SimpleTable';
import { orDash } from '../shared/format';
import { AiEntities, useAiEntities } from './useAiEntities';
import {
  describeGpuNeeds,
  parseRef,
  servedModelRef,
  serversOf,
  stringListSpec,
  stringSpec,
} from './entityHelpers';
import { ServedOn, ServerWithCluster } from './ServedOn';

function OwnerLink(props: { entity: Entity }) {
  const owner = parseRef(
    stringSpec(props.entity, 'owner'),
    'group',
    props.entity.metadata.namespace,
  );
  return owner ? (
    <EntityRefLink entityRef={owner} defaultKind="group" />
  ) : (
    <>—</>
  );
}

function refsOf(entity: Entity, field: string, defaultKind: string) {
  return stringListSpec(entity, field)
    .map(r => parseRef(r, defaultKind, entity.metadata.namespace))
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
}

function ModelsTable(props: { data: AiEntities }) {
  return (
    <SimpleTable
      label="Models"
      rows={props.data.models}
      rowKey={m => m.metadata.uid ?? m.metadata.name}
      emptyMessage="No Model entities in the catalog yet."
      columns={[
        {
          title: 'Model',
          rowHeader: true,
          render: m => <EntityRefLink entityRef={m} title={m.metadata.title} />,
        },
        { title: 'Type', render: m => orDash(stringSpec(m, 'type')) },
        { title: 'Owner', render: m => <OwnerLink entity={m} /> },
        { title: 'Lifecycle', render: m => orDash(stringSpec(m, 'lifecycle')) },
        {
          title: 'Parameters',
          render: m => orDash(stringSpec(m, 'parameters')),
        },
        { title: 'GPU needs', render: m => orDash(describeGpuNeeds(m)) },
        {
          title: 'Served on',
          render: m => (
            <ServedOn servers={serversOf(m, props.data.modelServers)} />
          ),
        },
      ]}
    />
  );
}

function AgentsTable(props: { data: AiEntities }) {
  return (
    <SimpleTable
      label="Agents"
      rows={props.data.agents}
      rowKey={a => a.metadata.uid ?? a.metadata.name}
      emptyMessage="No Agent entities in the catalog yet."
      columns={[
        {
          title: 'Agent',
          rowHeader: true,
          render: a => <EntityRefLink entityRef={a} title={a.metadata.title} />,
        },
        { title: 'Owner', render: a => <OwnerLink entity={a} /> },
        { title: 'Lifecycle', render: a => orDash(stringSpec(a, 'lifecycle')) },
        { title: 'Runtime', render: a => orDash(stringSpec(a, 'runtime')) },
        {
          title: 'Models',
          render: a => (
            <EntityRefLinks
              entityRefs={refsOf(a, 'models', 'model')}
              defaultKind="model"
            />
          ),
        },
        {
          title: 'MCP tools',
          render: a => (
            <EntityRefLinks
              entityRefs={refsOf(a, 'tools', 'api')}
              defaultKind="api"
            />
          ),
        },
        {
          title: 'A2A card',
          render: a => {
            const card = stringSpec(a, 'a2aCard');
            return card ? <Link to={card}>Agent card</Link> : '—';
          },
        },
      ]}
    />
  );
}

function ModelServersTable(props: { data: AiEntities }) {
  return (
    <SimpleTable
      label="Model servers"
      rows={props.data.modelServers}
      rowKey={s => s.metadata.uid ?? s.metadata.name}
      emptyMessage="No Components of type model-server yet."
      columns={[
        {
          title: 'Model server',
          rowHeader: true,
          render: s => <ServerWithCluster server={s} />,
        },
        {
          title: 'Model',
          render: s => {
            const model = servedModelRef(s);
            return model ? (
              <EntityRefLink entityRef={model} defaultKind="model" />
            ) : (
              '—'
            );
          },
        },
        { title: 'Owner', render: s => <OwnerLink entity={s} /> },
        { title: 'Lifecycle', render: s => orDash(stringSpec(s, 'lifecycle')) },
      ]}
    />
  );
}

/** The Model and Agent entities of the catalog, with where models are served. */
export function ModelsAndAgentsPage() {
  const state = useAiEntities();
  return (
    <PageContent>
      <Loadable state={state} errorTitle="Could not read the catalog">
        {data =>
          data.models.length + data.agents.length + data.modelServers.length ===
          0 ? (
            <EmptyState
              missing="content"
              title="No models or agents yet"
              description="Register Model and Agent entities (apiVersion ai-platform.dev/v1alpha1), or let the discovery provider find model servers and agents in your clusters."
            />
          ) : (
            <>
              <Section title="Models">
                <ModelsTable data={data} />
              </Section>
              <Section title="Agents">
                <AgentsTable data={data} />
              </Section>
              <Section
                title="Model servers"
                subtitle="Components of type model-server: deployments that serve a model."
              >
                <ModelServersTable data={data} />
              </Section>
            </>
          )
        }
      </Loadable>
    </PageContent>
  );
}
