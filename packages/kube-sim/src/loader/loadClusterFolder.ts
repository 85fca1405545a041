/**
 * Loads a cluster folder: every `.yaml`/`.yml`/`.json` file below it (recursively, sorted, dotfiles
 * skipped), multi-document YAML, `kind: List` flattened. Special files at the folder root:
 * - `version.yaml` (or .yml/.json): what `/version` returns.
 * - `features.yaml`: group/version switches, e.g. `resource.k8s.io/v1beta2: true`.
 * - `apiservice-resources.yaml`: discovery resources of aggregated APIServices, keyed by group/version.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { APIResource, KubeObject, KubeVersionInfo } from '../types';
import { compareStrings } from '../util';

export interface LoadedClusterFolder {
  objects: KubeObject[];
  version?: Partial<KubeVersionInfo> & {
    major: string;
    minor: string;
    gitVersion: string;
  };
  features?: Record<string, boolean>;
  apiServiceResources?: Record<string, APIResource[]>;
  /** Files objects were read from, relative to the folder. */
  files: string[];
}

export class ClusterFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterFolderError';
  }
}

const OBJECT_EXT = /\.(ya?ml|json)$/i;
const SPECIAL = ['version', 'features', 'apiservice-resources'];

function specialName(rel: string): string | undefined {
  const m = /^([^/\\]+)\.(ya?ml|json)$/i.exec(rel);
  return m && SPECIAL.includes(m[1]) ? m[1] : undefined;
}

async function walk(dir: string, root: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => compareStrings(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) {
      continue;
    }
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      await walk(full, root, out);
    } else if (e.isFile() && OBJECT_EXT.test(e.name)) {
      out.push(path.relative(root, full));
    }
  }
}

/** Parses every document of a YAML or JSON text; errors name the file and the document index. */
export function parseDocuments(text: string, file: string): unknown[] {
  if (/\.json$/i.test(file)) {
    try {
      return [JSON.parse(text)];
    } catch (e) {
      throw new ClusterFolderError(
        `${file}: invalid JSON: ${(e as Error).message}`,
      );
    }
  }
  const docs = parseAllDocuments(text);
  const out: unknown[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      throw new ClusterFolderError(
        `${file} (document ${i + 1}): invalid YAML: ${doc.errors[0].message}`,
      );
    }
    out.push(doc.toJS({ maxAliasCount: -1 }));
  });
  return out;
}

/** Flattens `kind: List` (and `<Kind>List`) documents and checks every object's shape. */
export function flattenObjects(docs: unknown[], file: string): KubeObject[] {
  const out: KubeObject[] = [];
  docs.forEach((doc, i) => {
    const where = `${file} (document ${i + 1})`;
    if (doc === null || doc === undefined) {
      return;
    }
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      throw new ClusterFolderError(
        `${where}: expected a Kubernetes object, got ${
          Array.isArray(doc) ? 'an array' : typeof doc
        }`,
      );
    }
    const o = doc as Record<string, unknown>;
    const kind = o.kind;
    if (
      typeof kind === 'string' &&
      kind.endsWith('List') &&
      Array.isArray(o.items)
    ) {
      const itemKind = kind === 'List' ? undefined : kind.slice(0, -4);
      o.items.forEach((item, j) => {
        const it = item as Record<string, unknown>;
        if (!it || typeof it !== 'object') {
          throw new ClusterFolderError(
            `${where}, items[${j}]: expected an object`,
          );
        }
        const obj = {
          ...it,
          apiVersion: it.apiVersion ?? (itemKind ? o.apiVersion : undefined),
          kind: it.kind ?? itemKind,
        };
        out.push(checkObject(obj, `${where}, items[${j}]`));
      });
      return;
    }
    out.push(checkObject(o, where));
  });
  return out;
}

function checkObject(o: Record<string, unknown>, where: string): KubeObject {
  if (typeof o.apiVersion !== 'string' || !o.apiVersion) {
    throw new ClusterFolderError(`${where}: missing apiVersion`);
  }
  if (typeof o.kind !== 'string' || !o.kind) {
    throw new ClusterFolderError(`${where}: missing kind`);
  }
  const meta = o.metadata as Record<string, unknown> | undefined;
  if (
    !meta ||
    typeof meta !== 'object' ||
    typeof meta.name !== 'string' ||
    !meta.name
  ) {
    throw new ClusterFolderError(`${where}: ${o.kind} has no metadata.name`);
  }
  return o as KubeObject;
}

function parseVersion(
  doc: unknown,
  file: string,
): LoadedClusterFolder['version'] {
  const v = doc as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') {
    throw new ClusterFolderError(
      `${file}: expected a mapping with gitVersion, major, minor`,
    );
  }
  const git =
    typeof v.gitVersion === 'string'
      ? /^v?(\d+)\.(\d+)/.exec(v.gitVersion)
      : null;
  const major = v.major !== undefined ? String(v.major) : git?.[1];
  const minor = v.minor !== undefined ? String(v.minor) : git?.[2];
  if (!major || !minor) {
    throw new ClusterFolderError(
      `${file}: needs gitVersion (e.g. v1.34.2) or major and minor`,
    );
  }
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    out[k] = String(val);
  }
  return {
    ...out,
    major,
    minor,
    gitVersion:
      typeof v.gitVersion === 'string'
        ? v.gitVersion
        : `v${major}.${minor.replace(/\D.*$/, '')}.0`,
  };
}

function parseFeatures(doc: unknown, file: string): Record<string, boolean> {
  if (doc === null || doc === undefined) {
    return {};
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ClusterFolderError(
      `${file}: expected a mapping of group/version to true or false`,
    );
  }
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (typeof v !== 'boolean') {
      throw new ClusterFolderError(
        `${file}: "${k}" must be true or false, got ${JSON.stringify(v)}`,
      );
    }
    out[k] = v;
  }
  return out;
}

function parseApiServiceResources(
  doc: unknown,
  file: string,
): Record<string, APIResource[]> {
  if (doc === null || doc === undefined) {
    return {};
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ClusterFolderError(
      `${file}: expected a mapping of group/version to a list of resources`,
    );
  }
  const out: Record<string, APIResource[]> = {};
  for (const [gv, list] of Object.entries(doc as Record<string, unknown>)) {
    if (!Array.isArray(list)) {
      throw new ClusterFolderError(
        `${file}: "${gv}" must be a list of resources`,
      );
    }
    out[gv] = list.map((r, i) => {
      const res = r as Record<string, unknown>;
      if (
        !res ||
        typeof res.name !== 'string' ||
        typeof res.kind !== 'string'
      ) {
        throw new ClusterFolderError(
          `${file}: ${gv}[${i}] needs name and kind`,
        );
      }
      return {
        name: res.name,
        singularName:
          typeof res.singularName === 'string' ? res.singularName : '',
        namespaced: res.namespaced === true,
        kind: res.kind,
        verbs: Array.isArray(res.verbs)
          ? (res.verbs as string[])
          : ['get', 'list'],
        ...(Array.isArray(res.shortNames)
          ? { shortNames: res.shortNames as string[] }
          : {}),
        ...(Array.isArray(res.categories)
          ? { categories: res.categories as string[] }
          : {}),
      };
    });
  }
  return out;
}

/** Reads a cluster folder. Throws ClusterFolderError naming the file (and document) on bad input. */
export async function loadClusterFolder(
  dir: string,
): Promise<LoadedClusterFolder> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new ClusterFolderError(
      `cluster folder ${dir} does not exist or is not a directory`,
    );
  }
  const files: string[] = [];
  await walk(dir, dir, files);
  const result: LoadedClusterFolder = { objects: [], files: [] };
  for (const rel of files) {
    const full = path.join(dir, rel);
    const text = await fs.readFile(full, 'utf8');
    const special = specialName(rel);
    if (special) {
      const docs = parseDocuments(text, full);
      if (docs.length > 1) {
        throw new ClusterFolderError(`${full}: expected a single document`);
      }
      if (special === 'version') result.version = parseVersion(docs[0], full);
      if (special === 'features')
        result.features = parseFeatures(docs[0], full);
      if (special === 'apiservice-resources') {
        result.apiServiceResources = parseApiServiceResources(docs[0], full);
      }
      continue;
    }
    const objects = flattenObjects(parseDocuments(text, full), full);
    if (objects.length > 0) {
      result.files.push(rel);
    }
    for (const o of objects) {
      result.objects.push(o);
    }
  }
  return result;
}
