import { InputError } from '@backstage/errors';

/** The schemes a Model's `spec.source.uri` may use (see the Model kind). */
export type SourceScheme = 'oci' | 'hf' | 's3' | 'gs' | 'pvc' | 'https';

/** A model source URI, taken apart for the manifests that stage it. */
export interface ModelSource {
  uri: string;
  scheme: SourceScheme;
  /** Everything after `scheme://`. */
  location: string;
  /** `oci://`: the image or artifact reference (`registry/repo:tag` or `@sha256:...`). */
  imageReference?: string;
  /** `hf://`: the Hugging Face repository id (`Org/Name`), without a revision. */
  hfRepo?: string;
  /** `hf://Org/Name@rev`: the revision. */
  hfRevision?: string;
  /** `pvc://claim/path`: the claim and the path inside it. */
  pvcClaim?: string;
  pvcPath?: string;
  /** The last path segment without tag or digest: a starting point for names. */
  baseName: string;
}

const SCHEMES: SourceScheme[] = ['oci', 'hf', 's3', 'gs', 'pvc', 'https'];
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Parses `oci://`, `hf://`, `s3://`, `gs://`, `pvc://` and `https://` URIs; errors say what is allowed. */
export function parseModelSource(uri: string): ModelSource {
  const match = /^([a-z0-9+.-]+):\/\/(\S+)$/.exec(uri.trim());
  if (!match || !SCHEMES.includes(match[1] as SourceScheme)) {
    throw new InputError(
      `Model source "${uri}" must be a URI with one of the schemes ${SCHEMES.map(
        s => `${s}://`,
      ).join(', ')}`,
    );
  }
  const scheme = match[1] as SourceScheme;
  const location = match[2];
  const source: ModelSource = {
    uri: uri.trim(),
    scheme,
    location,
    baseName: '',
  };
  const lastSegment = (value: string) =>
    value.split('/').filter(Boolean).pop() ?? value;

  switch (scheme) {
    case 'oci': {
      if (
        !/^[a-zA-Z0-9.-]+(:[0-9]+)?\/[a-z0-9._/-]+([:@][A-Za-z0-9._:-]+)?$/.test(
          location,
        )
      ) {
        throw new InputError(
          `Model source "${uri}" is not an OCI reference like oci://registry.example.com/models/name:tag`,
        );
      }
      source.imageReference = location;
      source.baseName = lastSegment(location.split('@')[0]).split(':')[0];
      break;
    }
    case 'hf': {
      const [repo, revision] = location.split('@');
      if (!/^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/.test(repo)) {
        throw new InputError(
          `Model source "${uri}" is not a Hugging Face repository like hf://Qwen/Qwen3-32B`,
        );
      }
      source.hfRepo = repo;
      if (revision) source.hfRevision = revision;
      source.baseName = lastSegment(repo);
      break;
    }
    case 'pvc': {
      const [claim, ...rest] = location.split('/');
      if (!DNS1123_LABEL.test(claim)) {
        throw new InputError(
          `Model source "${uri}" must name a PersistentVolumeClaim like pvc://models-cache/qwen3-32b`,
        );
      }
      source.pvcClaim = claim;
      source.pvcPath = rest.join('/');
      source.baseName = lastSegment(rest.join('/') || claim);
      break;
    }
    default:
      source.baseName = lastSegment(location.split('?')[0]);
  }
  return source;
}

/** `Qwen3-32B-Instruct` → `qwen3-32b-instruct`: a DNS-1123 label for object and entity names. */
export function toDnsLabel(value: string, maxLength = 40): string {
  const label = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return label || 'model';
}
