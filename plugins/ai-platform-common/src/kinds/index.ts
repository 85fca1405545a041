export * from './constants';
export * from './ModelEntityV1alpha1';
export * from './AgentEntityV1alpha1';
export * from './modelServer';
export {
  validateModelEntity,
  validateAgentEntity,
  validateModelServerFields,
  formatValidationProblems,
} from './validation';
export type { KindValidationProblem } from './validation';
export { DISCOVERED_LOCATION_PREFIX } from './patterns';
