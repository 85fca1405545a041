/**
 * Catalog module for the AI Platform: Model and Agent kinds, their
 * relations, and discovery of models, model servers, agents and MCP servers.
 *
 * @packageDocumentation
 */

export { catalogModuleAiPlatform as default } from './module';
export { AiPlatformEntitiesProcessor } from './processor/AiPlatformEntitiesProcessor';
export type {
  AiPlatformEntitiesProcessorOptions,
  EntityLookup,
} from './processor/AiPlatformEntitiesProcessor';
export { AiPlatformDiscoveryProvider } from './provider/AiPlatformDiscoveryProvider';
export type {
  AiPlatformDiscoveryProviderOptions,
  ProviderRunResult,
} from './provider/AiPlatformDiscoveryProvider';
