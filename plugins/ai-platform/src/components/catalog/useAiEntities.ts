import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

export interface AiEntities {
  models: Entity[];
  agents: Entity[];
  modelServers: Entity[];
}

const byName = (a: Entity, b: Entity) =>
  (a.metadata.title ?? a.metadata.name).localeCompare(
    b.metadata.title ?? b.metadata.name,
  );

/** Models, Agents and model-server Components, in three filtered catalog queries. */
export function useAiEntities() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<AiEntities> => {
    const [models, agents, modelServers] = await Promise.all([
      catalogApi.getEntities({ filter: { kind: 'Model' } }),
      catalogApi.getEntities({ filter: { kind: 'Agent' } }),
      catalogApi.getEntities({
        filter: { kind: 'Component', 'spec.type': 'model-server' },
      }),
    ]);
    return {
      models: models.items.sort(byName),
      agents: agents.items.sort(byName),
      modelServers: modelServers.items.sort(byName),
    };
  }, [catalogApi]);
}
