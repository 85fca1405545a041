/**
 * Isomorphic types, catalog kinds, conformance checklists and permissions
 * shared by the AI Platform plugins.
 *
 * @packageDocumentation
 */

export * from './snapshot/types';
export * from './snapshot/emptySnapshot';
export * from './inventory/types';
export * from './inventory/quantity';
export * from './inventory/migProfile';
export * from './inventory/effectivePodRequests';
export * from './inventory/acceleratorResources';
export * from './conformance/types';
export * from './conformance/checklists';
export * from './conformance/summary';
export * from './clusters';
export * from './permissions';
export * from './api/types';
export * from './api/AiPlatformClient';
export * from './kinds';
export * from './joinNames';
