import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { acceleratorMetricsCheck } from './accelerator_metrics';
import { advancedInferenceIngressCheck } from './advanced_inference_ingress';
import { aiInferenceCheck } from './ai_inference';
import { aiServiceMetricsCheck } from './ai_service_metrics';
import { clusterAutoscalingCheck } from './cluster_autoscaling';
import { disaggregatedInferenceCheck } from './disaggregated_inference';
import { draSupportCheck } from './dra_support';
import { driverRuntimeManagementCheck } from './driver_runtime_management';
import { gangSchedulingCheck } from './gang_scheduling';
import { gpuSharingCheck } from './gpu_sharing';
import { highPerformanceNetworkingCheck } from './high_performance_networking';
import { podAutoscalingCheck } from './pod_autoscaling';
import { robustControllerCheck } from './robust_controller';
import { secureAcceleratorAccessCheck } from './secure_accelerator_access';
import { virtualizedAcceleratorCheck } from './virtualized_accelerator';
import { workloadSandboxingCheck } from './workload_sandboxing';

/** One built-in check per requirement of every checklist version. */
export const builtInChecks: readonly ConformanceCheck[] = [
  draSupportCheck,
  driverRuntimeManagementCheck,
  gpuSharingCheck,
  virtualizedAcceleratorCheck,
  aiInferenceCheck,
  advancedInferenceIngressCheck,
  highPerformanceNetworkingCheck,
  disaggregatedInferenceCheck,
  gangSchedulingCheck,
  clusterAutoscalingCheck,
  podAutoscalingCheck,
  acceleratorMetricsCheck,
  aiServiceMetricsCheck,
  secureAcceleratorAccessCheck,
  workloadSandboxingCheck,
  robustControllerCheck,
];
