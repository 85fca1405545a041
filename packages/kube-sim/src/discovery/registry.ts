/**
 * Which API groups, versions and resources one simulated cluster serves: the built-in table gated
 * by Kubernetes minor and features, every CRD (served versions) and every APIService.
 */
import type { APIResource, KubeObject } from '../types';
import {
  BUILTIN_RESOURCES,
  BuiltinResource,
  FieldSpec,
  GATED_GROUP_VERSIONS,
  STANDARD_VERBS,
} from './builtins';
import { sortKubeVersions } from './versionOrder';

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ResourceInfo {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Built-in kinds: list items carry no kind/apiVersion. */
  builtin: boolean;
  /** Field selector labels supported besides metadata.name/metadata.namespace. */
  fields: Map<string, FieldSpec>;
  subresources: string[];
  /** Served versions, highest priority first. */
  versions: string[];
  /** CRD additionalPrinterColumns per version. */
  printerColumns?: Map<string, PrinterColumn[]>;
  /** Storage bucket: `group|Kind`. */
  bucket: string;
}

interface GroupVersionInfo {
  group: string;
  version: string;
  resources: ResourceInfo[];
  /** Extra discovery-only entries (aggregated APIServices). */
  extraResources: APIResource[];
  /** Set when an APIService for it reports Available=False. */
  unavailableMessage?: string;
}

export interface RegistryInput {
  minor: number;
  features: Record<string, boolean>;
  seenApiVersions: ReadonlySet<string>;
  crds: KubeObject[];
  apiServices: KubeObject[];
  apiServiceResources: Record<string, APIResource[]>;
  warn?: (msg: string) => void;
}

export function bucketOf(group: string, kind: string): string {
  return `${group}|${kind}`;
}

export function groupOfApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function gvString(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Whether a built-in group/version is served by a cluster. */
export function isBuiltinGroupVersionServed(
  gv: string,
  minor: number,
  features: Record<string, boolean>,
  seenApiVersions: ReadonlySet<string>,
): boolean {
  if (features[gv] !== undefined) {
    return features[gv];
  }
  const gate = GATED_GROUP_VERSIONS[gv];
  if (!gate) {
    return true;
  }
  if (gate.fromMinor !== undefined && minor >= gate.fromMinor) {
    return true;
  }
  return Boolean(gate.optIn && seenApiVersions.has(gv));
}

const BUILTIN_BY_BUCKET = new Map<string, BuiltinResource>(
  BUILTIN_RESOURCES.map(r => [bucketOf(r.group, r.kind), r]),
);
const BUILTIN_GROUPS = new Set(BUILTIN_RESOURCES.map(r => r.group));

/** Field specs of a built-in kind (precomputed at insert time), whatever versions are served. */
export function builtinFieldSpecs(bucket: string): FieldSpec[] {
  return BUILTIN_BY_BUCKET.get(bucket)?.fields ?? [];
}

export function builtinResourceForBucket(
  bucket: string,
): BuiltinResource | undefined {
  return BUILTIN_BY_BUCKET.get(bucket);
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function asStringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every(x => typeof x === 'string')
    ? (v as string[])
    : undefined;
}

export class Registry {
  private readonly groupVersions = new Map<string, GroupVersionInfo>();
  private readonly byBucket = new Map<string, ResourceInfo>();
  /** group -> served versions in priority order. */
  private readonly groups = new Map<string, string[]>();
  private readonly groupOrder: string[] = [];

  constructor(input: RegistryInput) {
    const warn = input.warn ?? (() => {});
    // Built-ins.
    for (const b of BUILTIN_RESOURCES) {
      if (b.fromMinor !== undefined && input.minor < b.fromMinor) {
        continue;
      }
      const versions = b.versions.filter(v =>
        isBuiltinGroupVersionServed(
          gvString(b.group, v),
          input.minor,
          input.features,
          input.seenApiVersions,
        ),
      );
      if (versions.length === 0) {
        continue;
      }
      this.addResource({
        group: b.group,
        plural: b.plural,
        singular: b.singular,
        kind: b.kind,
        listKind: `${b.kind}List`,
        namespaced: b.namespaced,
        verbs: b.verbs ?? STANDARD_VERBS,
        shortNames: b.shortNames,
        categories: b.categories,
        builtin: true,
        fields: new Map((b.fields ?? []).map(f => [f.label, f])),
        subresources: b.subresources ?? [],
        versions: sortKubeVersions(versions),
        bucket: bucketOf(b.group, b.kind),
      });
    }
    // CRDs.
    for (const crd of input.crds) {
      const spec = asRecord(crd.spec);
      const names = asRecord(spec?.names);
      const group = spec?.group;
      const where = `CustomResourceDefinition "${crd.metadata.name}"`;
      if (
        !spec ||
        !names ||
        typeof group !== 'string' ||
        typeof names.plural !== 'string' ||
        typeof names.kind !== 'string'
      ) {
        warn(
          `${where}: missing spec.group, spec.names.plural or spec.names.kind; ignored`,
        );
        continue;
      }
      if (BUILTIN_GROUPS.has(group)) {
        warn(`${where}: group "${group}" is a built-in group; ignored`);
        continue;
      }
      const versionsRaw = Array.isArray(spec.versions) ? spec.versions : [];
      const served: string[] = [];
      const printerColumns = new Map<string, PrinterColumn[]>();
      const fields = new Map<string, FieldSpec>();
      let hasStatus = false;
      let hasScale = false;
      for (const vRaw of versionsRaw) {
        const v = asRecord(vRaw);
        if (!v || typeof v.name !== 'string' || v.served !== true) {
          continue;
        }
        served.push(v.name);
        if (Array.isArray(v.additionalPrinterColumns)) {
          printerColumns.set(
            v.name,
            v.additionalPrinterColumns as PrinterColumn[],
          );
        }
        if (Array.isArray(v.selectableFields)) {
          for (const sf of v.selectableFields) {
            const jsonPath = asRecord(sf)?.jsonPath;
            if (typeof jsonPath === 'string') {
              const label = jsonPath.replace(/^\./, '');
              fields.set(label, { label });
            }
          }
        }
        const sub = asRecord(v.subresources);
        hasStatus ||= Boolean(sub?.status);
        hasScale ||= Boolean(sub?.scale);
      }
      if (served.length === 0) {
        continue;
      }
      const existing = this.byBucket.get(bucketOf(group, names.kind));
      if (existing) {
        warn(
          `${where}: kind ${names.kind} in group ${group} is already defined; ignored`,
        );
        continue;
      }
      const kind = names.kind;
      this.addResource({
        group,
        plural: names.plural,
        singular:
          typeof names.singular === 'string'
            ? names.singular
            : kind.toLowerCase(),
        kind,
        listKind:
          typeof names.listKind === 'string' ? names.listKind : `${kind}List`,
        namespaced: spec.scope !== 'Cluster',
        verbs: STANDARD_VERBS,
        shortNames: asStringArray(names.shortNames),
        categories: asStringArray(names.categories),
        builtin: false,
        fields,
        subresources: [
          ...(hasStatus ? ['status'] : []),
          ...(hasScale ? ['scale'] : []),
        ],
        versions: sortKubeVersions(served),
        printerColumns,
        bucket: bucketOf(group, kind),
      });
    }
    // APIServices: aggregated group/versions not otherwise served.
    for (const svc of input.apiServices) {
      const spec = asRecord(svc.spec);
      const group = spec?.group;
      const version = spec?.version;
      if (
        typeof group !== 'string' ||
        typeof version !== 'string' ||
        !version
      ) {
        continue;
      }
      if (BUILTIN_GROUPS.has(group) && !spec?.service) {
        // Local APIServices of built-in groups (v1.apps, v1beta2.resource.k8s.io...) mirror what the
        // built-in table already decides; they never add versions.
        continue;
      }
      const gv = gvString(group, version);
      const conditions = Array.isArray(asRecord(svc.status)?.conditions)
        ? (asRecord(svc.status)!.conditions as unknown[])
        : [];
      const available = conditions
        .map(asRecord)
        .find(c => c?.type === 'Available');
      const unavailableMessage =
        available && available.status === 'False'
          ? String(available.message ?? `${gv} is not available`)
          : undefined;
      let info = this.groupVersions.get(gv);
      if (info) {
        info.unavailableMessage ??= unavailableMessage;
        continue;
      }
      info = {
        group,
        version,
        resources: [],
        extraResources: [],
        unavailableMessage,
      };
      this.groupVersions.set(gv, info);
      for (const r of input.apiServiceResources[gv] ?? []) {
        if (r.name.includes('/')) {
          info.extraResources.push(r);
          continue;
        }
        const kind = r.kind;
        const resource: ResourceInfo = {
          group,
          plural: r.name,
          singular: r.singularName ?? '',
          kind,
          listKind: `${kind}List`,
          namespaced: r.namespaced,
          verbs: r.verbs,
          shortNames: r.shortNames,
          categories: r.categories,
          builtin: false,
          fields: new Map(),
          subresources: [],
          versions: [version],
          bucket: bucketOf(group, kind),
        };
        info.resources.push(resource);
        if (!this.byBucket.has(resource.bucket)) {
          this.byBucket.set(resource.bucket, resource);
        }
      }
      this.noteGroupVersion(group, version);
    }
  }

  private addResource(r: ResourceInfo): void {
    this.byBucket.set(r.bucket, r);
    for (const v of r.versions) {
      const gv = gvString(r.group, v);
      let info = this.groupVersions.get(gv);
      if (!info) {
        info = {
          group: r.group,
          version: v,
          resources: [],
          extraResources: [],
        };
        this.groupVersions.set(gv, info);
      }
      info.resources.push(r);
      this.noteGroupVersion(r.group, v);
    }
  }

  private noteGroupVersion(group: string, version: string): void {
    let versions = this.groups.get(group);
    if (!versions) {
      versions = [];
      this.groups.set(group, versions);
      this.groupOrder.push(group);
    }
    if (!versions.includes(version)) {
      versions.push(version);
      this.groups.set(group, sortKubeVersions(versions));
    }
  }

  /** The served resource for a request path, if any. */
  lookup(
    group: string,
    version: string,
    plural: string,
  ): ResourceInfo | undefined {
    const info = this.groupVersions.get(gvString(group, version));
    return info?.resources.find(r => r.plural === plural);
  }

  isGroupVersionServed(group: string, version: string): boolean {
    return this.groupVersions.has(gvString(group, version));
  }

  unavailableMessage(group: string, version: string): string | undefined {
    return this.groupVersions.get(gvString(group, version))?.unavailableMessage;
  }

  /** Served versions of a group, preferred first. */
  groupVersionsOf(group: string): string[] {
    return this.groups.get(group) ?? [];
  }

  byBucketKey(bucket: string): ResourceInfo | undefined {
    return this.byBucket.get(bucket);
  }

  /** `GET /api` body. */
  apiVersions(): object {
    return {
      kind: 'APIVersions',
      versions: this.groupVersionsOf(''),
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' },
      ],
    };
  }

  /** `GET /apis` body. */
  apiGroupList(): object {
    const groups = this.groupOrder
      .filter(g => g !== '')
      .map(name => {
        const versions = this.groupVersionsOf(name);
        return {
          name,
          versions: versions.map(v => ({
            groupVersion: `${name}/${v}`,
            version: v,
          })),
          preferredVersion: {
            groupVersion: `${name}/${versions[0]}`,
            version: versions[0],
          },
        };
      });
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }

  /** `GET /apis/<group>` body, or undefined when the group is not served. */
  apiGroup(name: string): object | undefined {
    const versions = this.groupVersionsOf(name);
    if (!name || versions.length === 0) {
      return undefined;
    }
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      name,
      versions: versions.map(v => ({
        groupVersion: `${name}/${v}`,
        version: v,
      })),
      preferredVersion: {
        groupVersion: `${name}/${versions[0]}`,
        version: versions[0],
      },
    };
  }

  /** `GET /api/v1` or `/apis/<g>/<v>` body, or undefined when not served. */
  apiResourceList(group: string, version: string): object | undefined {
    const info = this.groupVersions.get(gvString(group, version));
    if (!info) {
      return undefined;
    }
    const resources: APIResource[] = [];
    for (const r of info.resources) {
      const entry: APIResource = {
        name: r.plural,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs,
      };
      if (r.shortNames?.length) entry.shortNames = r.shortNames;
      if (r.categories?.length) entry.categories = r.categories;
      resources.push(entry);
      for (const sub of r.subresources) {
        resources.push(subresourceEntry(r, sub));
      }
    }
    resources.push(...info.extraResources);
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gvString(group, version),
      resources,
    };
  }

  /** All served resources (for tests and diagnostics). */
  allResources(): ResourceInfo[] {
    return [...this.byBucket.values()];
  }
}

function subresourceEntry(r: ResourceInfo, sub: string): APIResource {
  const base = {
    name: `${r.plural}/${sub}`,
    singularName: '',
    namespaced: r.namespaced,
  };
  switch (sub) {
    case 'scale':
      return {
        ...base,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      };
    case 'log':
      return { ...base, kind: 'Pod', verbs: ['get'] };
    case 'finalize':
      return { ...base, kind: r.kind, verbs: ['update'] };
    default:
      return { ...base, kind: r.kind, verbs: ['get', 'patch', 'update'] };
  }
}
