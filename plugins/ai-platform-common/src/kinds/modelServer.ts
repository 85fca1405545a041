import { ComponentEntityV1alpha1, Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  MCP_SERVER_API_TYPE,
  MODEL_SERVER_COMPONENT_TYPE,
} from './constants';

/**
 * A `Component` of `spec.type: model-server`: a deployment that serves a
 * model (KServe InferenceService, LLMInferenceService, a vLLM Deployment,
 * an llm-d pool...). Two optional spec fields tie it to the rest of the
 * catalog; the catalog module turns them into `dependsOn`/`dependencyOf`
 * relations:
 *
 * - `spec.model`: entity ref of the `Model` it serves (default kind Model);
 * - `spec.cluster`: entity ref of the `Resource` of type `kubernetes-cluster`
 *   it runs on (default kind Resource). The upstream Kubernetes plugin's
 *   `catalogRelation` service locator follows that relation.
 *
 * @public
 */
export interface ModelServerComponentEntity extends ComponentEntityV1alpha1 {
  spec: ComponentEntityV1alpha1['spec'] & {
    type: typeof MODEL_SERVER_COMPONENT_TYPE;
    model?: string;
    cluster?: string;
  };
}

/** @public */
export function isModelServerComponent(
  entity: Entity,
): entity is ModelServerComponentEntity {
  return (
    entity.kind?.toLocaleLowerCase('en-US') === 'component' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      MODEL_SERVER_COMPONENT_TYPE
  );
}

/** An `API` of `spec.type: mcp-server` (the upstream shape). @public */
export function isMcpServerApi(entity: Entity): boolean {
  return (
    entity.kind?.toLocaleLowerCase('en-US') === 'api' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      MCP_SERVER_API_TYPE
  );
}

/** A `Resource` of `spec.type: kubernetes-cluster`. @public */
export function isKubernetesClusterResource(entity: Entity): boolean {
  return (
    entity.kind?.toLocaleLowerCase('en-US') === 'resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      KUBERNETES_CLUSTER_RESOURCE_TYPE
  );
}
