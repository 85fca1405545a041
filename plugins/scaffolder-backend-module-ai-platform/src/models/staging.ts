import { InputError } from '@backstage/errors';
import { ModelSource } from './modelSource';

/** How the model is served. */
export const SERVING_STACKS = ['kserve', 'vllm'] as const;
export type ServingStack = (typeof SERVING_STACKS)[number];

/**
 * How the weights reach the server:
 * - `image-volume`: an OCI image/artifact mounted read-only as a pod volume (Kubernetes ImageVolume);
 * - `modelcar`: KServe's Modelcar sidecar shares the model image's files;
 * - `pvc`: a PersistentVolumeClaim holds the weights (filled once by a download Job, or an existing `pvc://` source);
 * - `download`: fetched at every start (vLLM from Hugging Face, KServe's storage initializer).
 */
export const STAGING_MODES = [
  'image-volume',
  'modelcar',
  'pvc',
  'download',
] as const;
export type StagingMode = (typeof STAGING_MODES)[number];

/** Where the server finds the weights in the pod. */
export const MODEL_MOUNT_PATH = '/mnt/models';

export interface StagingPlan {
  mode: StagingMode;
  /** KServe `storageUri`. */
  storageUri?: string;
  /** What vLLM's `--model` gets: a path in the pod, or a Hugging Face repo it downloads. */
  modelPath: string;
  /** For `image-volume`: the image reference of the pod volume. */
  imageReference?: string;
  /** For `pvc`: the claim the server mounts, and whether the template creates and fills it. */
  pvcClaim?: string;
  createPvc: boolean;
  /** For `pvc` from `hf://`: the download Job fills the new claim. */
  downloadJob: boolean;
}

const describeModes = (stack: ServingStack, scheme: string) => {
  const modes: string[] = [];
  if (scheme === 'oci') {
    modes.push('image-volume');
    if (stack === 'kserve') modes.push('modelcar');
  }
  if (scheme === 'hf' || scheme === 'pvc') modes.push('pvc');
  if (
    scheme === 'hf' ||
    (stack === 'kserve' && ['s3', 'gs', 'https'].includes(scheme))
  ) {
    modes.push('download');
  }
  return modes.length ? modes.join(', ') : 'none';
};

/**
 * Works out how a source is staged for a stack, or says clearly why the
 * combination does not work and which modes do.
 */
export function planStaging(
  source: ModelSource,
  mode: StagingMode,
  stack: ServingStack,
  options: { newClaimName: string },
): StagingPlan {
  const refuse = (why: string) => {
    throw new InputError(
      `Model staging "${mode}" does not work for ${source.uri} with ${
        stack === 'kserve' ? 'KServe' : 'vLLM'
      }: ${why}. Modes that work for this source: ${describeModes(
        stack,
        source.scheme,
      )}`,
    );
  };
  switch (mode) {
    case 'image-volume':
      if (source.scheme !== 'oci')
        refuse(
          'an ImageVolume mounts an OCI image or artifact, so the source must be oci://',
        );
      return {
        mode,
        imageReference: source.imageReference,
        storageUri:
          stack === 'kserve'
            ? `oci+native://${source.imageReference}`
            : undefined,
        modelPath: MODEL_MOUNT_PATH,
        createPvc: false,
        downloadJob: false,
      };
    case 'modelcar':
      if (stack !== 'kserve')
        refuse(
          'Modelcar is a KServe feature; use image-volume for a vLLM Deployment',
        );
      if (source.scheme !== 'oci')
        refuse(
          'a Modelcar runs the model image as a sidecar, so the source must be oci://',
        );
      return {
        mode,
        storageUri: `oci://${source.imageReference}`,
        modelPath: MODEL_MOUNT_PATH,
        createPvc: false,
        downloadJob: false,
      };
    case 'pvc':
      if (source.scheme === 'pvc') {
        return {
          mode,
          pvcClaim: source.pvcClaim,
          storageUri: stack === 'kserve' ? source.uri : undefined,
          modelPath: `${MODEL_MOUNT_PATH}${
            source.pvcPath ? `/${source.pvcPath}` : ''
          }`,
          createPvc: false,
          downloadJob: false,
        };
      }
      if (source.scheme !== 'hf') {
        refuse(
          'the download Job that fills a new PVC fetches from Hugging Face; for other sources use a pvc:// source that already holds the weights',
        );
      }
      return {
        mode,
        pvcClaim: options.newClaimName,
        storageUri:
          stack === 'kserve'
            ? `pvc://${options.newClaimName}/${source.hfRepo}`
            : undefined,
        modelPath: `${MODEL_MOUNT_PATH}/${source.hfRepo}`,
        createPvc: true,
        downloadJob: true,
      };
    case 'download':
      if (stack === 'vllm' && source.scheme !== 'hf') {
        refuse(
          'vLLM downloads from Hugging Face only, so the source must be hf://',
        );
      }
      if (
        stack === 'kserve' &&
        !['hf', 's3', 'gs', 'https'].includes(source.scheme)
      ) {
        refuse(
          "KServe's storage initializer downloads hf://, s3://, gs:// and https:// sources",
        );
      }
      return {
        mode,
        storageUri: stack === 'kserve' ? source.uri : undefined,
        modelPath: source.hfRepo ?? MODEL_MOUNT_PATH,
        createPvc: false,
        downloadJob: false,
      };
    default:
      throw new InputError(
        `Unknown model staging "${mode}"; use one of ${STAGING_MODES.join(
          ', ',
        )}`,
      );
  }
}
