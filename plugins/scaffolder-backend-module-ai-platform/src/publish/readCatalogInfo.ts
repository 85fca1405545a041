import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

/**
 * The entity refs a catalog-info.yaml declares, and the one to link to
 * (its Component if it has one, like `catalog:register` does; else the
 * first entity that is not a Location).
 */
export function readCatalogInfo(
  text: string,
  file: string,
): { entityRefs: string[]; primary: string } {
  const entities: Entity[] = [];
  for (const [index, doc] of parseAllDocuments(text).entries()) {
    if (doc.errors.length) {
      throw new InputError(
        `${file}[${index}] is not valid YAML: ${
          doc.errors[0].message.split('\n')[0]
        }`,
      );
    }
    const value = doc.toJS() as Entity | null;
    if (!value) continue;
    if (
      typeof value.kind !== 'string' ||
      typeof value.metadata?.name !== 'string'
    ) {
      throw new InputError(
        `${file}[${index}] is not a catalog entity (it needs kind and metadata.name)`,
      );
    }
    entities.push(value);
  }
  if (entities.length === 0) {
    throw new InputError(`${file} declares no entities`);
  }
  const refs = entities.map(e =>
    stringifyEntityRef({
      kind: e.kind,
      namespace: e.metadata.namespace ?? 'default',
      name: e.metadata.name,
    }),
  );
  const component = entities.findIndex(e => e.kind === 'Component');
  const nonLocation = entities.findIndex(e => e.kind !== 'Location');
  const chosen = component >= 0 ? component : Math.max(nonLocation, 0);
  return { entityRefs: refs, primary: refs[chosen] };
}
