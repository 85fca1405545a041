import {
  checkCatalogEntity,
  isCatalogEntityDocument,
} from './catalogEntityCheck';
import {
  API_VERSIONS_BY_KIND,
  checkAgainstSchema,
  KIND_SCHEMAS,
} from './schemaCheck';
import { semanticProblems } from './semanticRules';
import { ManifestDocument, ManifestObject, ManifestProblem } from './types';

export interface ManifestValidationResult {
  problems: ManifestProblem[];
  /** Kubernetes objects checked. */
  objects: ManifestObject[];
  /** Catalog entities checked (catalog-info.yaml). */
  entities: ManifestObject[];
}

export interface ValidateManifestsOptions {
  /** Accept kinds there is no schema for instead of failing on them. */
  allowUnknownKinds?: boolean;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string'
    ? `the string ${JSON.stringify(value.slice(0, 40))}`
    : typeof value;
}

function identify(doc: ManifestDocument): {
  object?: ManifestObject;
  problems: ManifestProblem[];
} {
  const base = { file: doc.file, documentIndex: doc.index };
  const value = doc.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      problems: [
        {
          ...base,
          path: '',
          message: `must be an object with apiVersion, kind and metadata (got ${describe(
            value,
          )})`,
        },
      ],
    };
  }
  const record = value as Record<string, any>;
  const metadata =
    record.metadata && typeof record.metadata === 'object'
      ? (record.metadata as Record<string, unknown>)
      : {};
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const kind = typeof record.kind === 'string' ? record.kind : undefined;
  const label = kind ? `${kind}/${name ?? '<no name>'}` : undefined;
  const problems: ManifestProblem[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof record[field] !== 'string' || !record[field]) {
      problems.push({
        ...base,
        object: label,
        path: field,
        message: 'is required and must be a string',
      });
    }
  }
  if (problems.length) return { problems };
  return {
    object: {
      ...doc,
      value: record,
      apiVersion: record.apiVersion,
      kind: record.kind,
      name,
      namespace:
        typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    },
    problems,
  };
}

/**
 * Validates parsed YAML documents: Kubernetes objects against the compact
 * schemas of their kinds, then the rules between fields and objects;
 * catalog entities (`backstage.io/*`, `ai-platform.dev/*`) the way the
 * catalog will. Every problem names the file, the document, the object and
 * the field.
 */
export async function validateManifests(
  docs: ManifestDocument[],
  options: ValidateManifestsOptions = {},
): Promise<ManifestValidationResult> {
  const problems: ManifestProblem[] = [];
  const objects: ManifestObject[] = [];
  const entities: ManifestObject[] = [];
  const schemaValid: ManifestObject[] = [];

  for (const doc of docs) {
    const identified = identify(doc);
    problems.push(...identified.problems);
    const o = identified.object;
    if (!o) continue;
    const at = {
      file: o.file,
      documentIndex: o.index,
      object: `${o.kind}/${o.name ?? '<no name>'}`,
    };

    if (isCatalogEntityDocument(o.apiVersion)) {
      entities.push(o);
      for (const p of await checkCatalogEntity(o.value)) {
        problems.push({ ...at, ...p });
      }
      continue;
    }

    objects.push(o);
    const found = checkAgainstSchema(o.apiVersion, o.kind, o.value);
    if (found === undefined) {
      if (options.allowUnknownKinds) continue;
      const versions = API_VERSIONS_BY_KIND[o.kind];
      problems.push({
        ...at,
        path: versions ? 'apiVersion' : 'kind',
        message: versions
          ? `${o.apiVersion} is not a version this check knows for ${
              o.kind
            }; use ${versions.join(' or ')}`
          : `has no schema here (${o.apiVersion} ${
              o.kind
            }); known kinds: ${Object.keys(KIND_SCHEMAS)
              .map(k => k.slice(k.lastIndexOf('/') + 1))
              .filter((k, i, all) => all.indexOf(k) === i)
              .sort()
              .join(', ')}`,
      });
      continue;
    }
    for (const p of found) problems.push({ ...at, ...p });
    if (found.length === 0) schemaValid.push(o);
  }

  for (const p of semanticProblems(schemaValid)) {
    problems.push({
      file: p.object.file,
      documentIndex: p.object.index,
      object: `${p.object.kind}/${p.object.name ?? '<no name>'}`,
      path: p.path,
      message: p.message,
    });
  }

  // Stable: within one document, problems keep the order they were found in.
  problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.documentIndex - b.documentIndex,
  );
  return { problems, objects, entities };
}
