import type { z as zod } from 'zod/v3';
import {
  ChecklistVersion,
  checklistVersions,
  GpuVendor,
} from '@ai-platform/plugin-ai-platform-common';
import {
  CLUSTER_NAME_PATTERN,
  MAX_CLUSTER_NAME_LENGTH,
} from '../clusters/types';
import { GPU_VENDORS } from '../inventory/capacityRequest';

// Zod fragments the actions share. Every input field says what it is, its
// unit and an example, because the description is all an agent sees.

type Z = typeof zod;

/** Most placements a capacity or placement answer lists. */
export const MAX_PLACEMENTS = 20;
const DEFAULT_PLACEMENTS = 5;

export const placementLimitSchema = (z: Z) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_PLACEMENTS)
    .default(DEFAULT_PLACEMENTS)
    .describe(
      `Placements to return, 1 to ${MAX_PLACEMENTS} (default ${DEFAULT_PLACEMENTS}).`,
    );

export const clusterNameSchema = (z: Z) =>
  z.string().min(1).max(MAX_CLUSTER_NAME_LENGTH).regex(CLUSTER_NAME_PATTERN, {
    message:
      "a cluster name uses letters, digits, '-', '_' and '.', and starts and ends with a letter or digit",
  });

export const vendorSchema = (z: Z) =>
  z
    .enum(GPU_VENDORS as [GpuVendor, ...GpuVendor[]])
    .describe(`GPU vendor: one of ${GPU_VENDORS.join(', ')}`);

export const checklistVersionSchema = (z: Z) =>
  z
    .enum(checklistVersions as [ChecklistVersion, ...ChecklistVersion[]])
    .describe(
      `Version of the CNCF Kubernetes AI Conformance checklist: one of ${checklistVersions.join(
        ', ',
      )}. Omit it to use the version matching the cluster's Kubernetes minor version.`,
    );

export const productSchema = (z: Z) =>
  z
    .string()
    .max(100)
    .describe(
      'Part of a GPU product name, case-insensitive, e.g. "H100", "A100", "MI300X".',
    );

export const gpuCountsSchema = (z: Z) => ({
  physical: z.number().describe('Physical GPU boards'),
  allocatable: z
    .number()
    .describe(
      'Schedulable units: whole GPUs, MIG instances, shared replicas and DRA devices',
    ),
  allocated: z.number().describe('Units in use by pods and ResourceClaims'),
  free: z.number().describe('allocatable - allocated'),
});

export const clusterSummarySchema = (z: Z) =>
  z.object({
    name: z.string(),
    title: z.string().optional(),
    source: z.string().describe('Where the cluster is configured'),
    entityRef: z.string().optional(),
    state: z
      .enum(['fresh', 'stale', 'pending', 'failed'])
      .describe(
        'fresh: last collection succeeded; stale: last one failed and older data is served; pending: never collected; failed: never succeeded',
      ),
    stale: z.boolean(),
    kubernetesVersion: z.string().optional(),
    lastSuccessAt: z.string().optional(),
    lastAttemptAt: z.string().optional(),
    snapshotCollectedAt: z.string().optional(),
    error: z
      .string()
      .optional()
      .describe('Why the last collection failed, when it did'),
    partErrors: z
      .array(z.string())
      .optional()
      .describe('Parts of the served data that could not be read'),
  });

export const verdictTallySchema = (z: Z) =>
  z.object({
    total: z.number(),
    pass: z.number(),
    partial: z.number(),
    fail: z.number(),
    unknown: z.number(),
    notApplicable: z.number(),
  });

export const evidenceSchema = (z: Z) =>
  z.object({
    strength: z.enum(['strong', 'medium', 'hint']),
    supports: z
      .boolean()
      .describe('true: supports the requirement; false: counts against it'),
    summary: z.string(),
    object: z
      .string()
      .optional()
      .describe('The Kubernetes object it came from: Kind namespace/name'),
  });

export const placementSchema = (z: Z) =>
  z.object({
    cluster: z.string(),
    node: z.string(),
    vendor: z.string(),
    product: z.string(),
    resourceName: z
      .string()
      .describe(
        'What a pod requests: nvidia.com/gpu, a MIG resource, or dra:<driver>',
      ),
    kind: z.enum(['whole', 'mig', 'time-slicing', 'mps']),
    dra: z.boolean(),
    memoryGiB: z.number().optional().describe('Memory of one device, GiB'),
    freeUnits: z.number(),
    units: z.number().describe('Units the request would use'),
    stale: z.boolean(),
    score: z.number().describe('Higher is better'),
    reasons: z
      .array(z.string())
      .describe('Why it fits, or for near misses what is missing'),
    taints: z.array(z.string()),
  });

export const skippedClustersSchema = (z: Z) =>
  z.array(z.object({ cluster: z.string(), reason: z.string() }));
