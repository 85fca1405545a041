import {
  isModelServerComponent,
  KindValidationProblem,
  validateAgentEntity,
  validateModelEntity,
  validateModelServerFields,
} from '@ai-platform/plugin-ai-platform-common';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';

/** True for documents that are catalog entities rather than Kubernetes objects. */
export function isCatalogEntityDocument(apiVersion: string): boolean {
  return (
    apiVersion.startsWith('backstage.io/') ||
    apiVersion.startsWith('ai-platform.dev/')
  );
}

const envelopePolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const builtInKinds: KindValidator[] = [
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
];

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Validates a catalog entity the way the catalog will: the envelope and
 * field formats, the built-in kind schemas, and this product's Model and
 * Agent kinds and `model-server` Component fields.
 */
export async function checkCatalogEntity(
  value: Record<string, unknown>,
): Promise<{ path: string; message: string }[]> {
  const entity = value as unknown as Entity;
  try {
    await envelopePolicy.enforce(entity);
  } catch (error) {
    return [{ path: '', message: message(error) }];
  }
  if (entity.apiVersion.startsWith('ai-platform.dev/')) {
    const validate: Record<string, (e: unknown) => KindValidationProblem[]> = {
      Model: validateModelEntity,
      Agent: validateAgentEntity,
    };
    const problems = validate[entity.kind]?.(entity) ?? [
      { path: 'kind', message: 'must be Model or Agent' },
    ];
    return problems.map(p => ({ path: p.path, message: p.message }));
  }
  for (const validator of builtInKinds) {
    try {
      if (await validator.check(entity)) {
        return isModelServerComponent(entity)
          ? validateModelServerFields(entity).map(p => ({
              path: p.path,
              message: p.message,
            }))
          : [];
      }
    } catch (error) {
      return [{ path: '', message: message(error) }];
    }
  }
  return [
    {
      path: 'kind',
      message: `${entity.kind} is not a catalog kind this check knows (${entity.apiVersion})`,
    },
  ];
}
