/**
 * Scaffolder actions for AI Platform golden paths: GPU placement from live
 * inventory, Model and MCP server resolution, manifest validation and
 * local publishing.
 *
 * @packageDocumentation
 */

export { scaffolderModuleAiPlatform as default } from './module';
export { createGpuPlaceAction } from './actions/createGpuPlaceAction';
export { createQueueCheckAction } from './actions/createQueueCheckAction';
export { createModelResolveAction } from './actions/createModelResolveAction';
export { createMcpResolveAction } from './actions/createMcpResolveAction';
export { createManifestsValidateAction } from './actions/createManifestsValidateAction';
export { createPublishLocalAction } from './actions/createPublishLocalAction';
