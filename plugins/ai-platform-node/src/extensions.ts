import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ChecklistRequirement } from '@ai-platform/plugin-ai-platform-common';
import { ClusterSource } from './clusters';
import { SnapshotCollector } from './collectors';
import { ConformanceCheck } from './conformance';

/** @public */
export interface AiPlatformClusterSourcesExtensionPoint {
  addClusterSource(source: ClusterSource): void;
}

/** Add clusters from sources other than config and the catalog. @public */
export const aiPlatformClusterSourcesExtensionPoint =
  createExtensionPoint<AiPlatformClusterSourcesExtensionPoint>({
    id: 'ai-platform.cluster-sources',
  });

/** @public */
export interface AiPlatformCollectorsExtensionPoint {
  addCollector(collector: SnapshotCollector): void;
}

/** Collect more from each cluster into its snapshot. @public */
export const aiPlatformCollectorsExtensionPoint =
  createExtensionPoint<AiPlatformCollectorsExtensionPoint>({
    id: 'ai-platform.collectors',
  });

/** @public */
export interface AiPlatformConformanceExtensionPoint {
  /** Replace the built-in check for a requirement, or add one for a requirement added below. */
  addCheck(check: ConformanceCheck): void;
  /** Add a requirement of your own (an internal policy, a draft KAR) with its check. */
  addRequirement(
    requirement: ChecklistRequirement,
    check: ConformanceCheck,
  ): void;
}

/** Add or replace conformance checks. @public */
export const aiPlatformConformanceExtensionPoint =
  createExtensionPoint<AiPlatformConformanceExtensionPoint>({
    id: 'ai-platform.conformance',
  });
