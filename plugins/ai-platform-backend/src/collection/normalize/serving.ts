import {
  InferenceServiceSummary,
  LlmInferenceServiceSummary,
  ServingRuntimeSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  apiVersionOf,
  arr,
  conditions,
  conditionState,
  containerAccelerators,
  meta,
  num,
  obj,
  podSpecAccelerators,
  spec,
  status,
  str,
  strings,
} from './common';

/** Framework keys of the pre-`model` InferenceService predictor spec. */
const LEGACY_PREDICTORS = [
  'sklearn',
  'xgboost',
  'tensorflow',
  'pytorch',
  'triton',
  'onnx',
  'pmml',
  'lightgbm',
  'paddle',
  'huggingface',
];

/** A KServe InferenceService (serving.kserve.io/v1beta1). */
export function normalizeInferenceService(
  raw: unknown,
  fallbackApiVersion: string,
): InferenceServiceSummary {
  const m = meta(raw);
  const predictor = obj(spec(raw).predictor);
  const st = status(raw);
  let model = obj(predictor.model);
  let modelFormat = str(obj(model.modelFormat).name);
  if (Object.keys(model).length === 0) {
    const legacy = LEGACY_PREDICTORS.find(k => k in predictor);
    if (legacy) {
      model = obj(predictor[legacy]);
      modelFormat = legacy;
    }
  }
  const customContainers = arr(predictor.containers);
  const acceleratorRequests =
    Object.keys(model).length > 0
      ? containerAccelerators(model)
      : podSpecAccelerators({ containers: customContainers });
  const args = strings(model.args).length
    ? strings(model.args)
    : strings(obj(customContainers[0]).args);
  const summary: InferenceServiceSummary = {
    apiVersion: apiVersionOf(raw, fallbackApiVersion),
    namespace: m.namespace ?? '',
    name: m.name,
    args,
    ready: conditionState(conditions(st), 'Ready'),
    acceleratorRequests,
    labels: m.labels,
  };
  if (modelFormat) summary.modelFormat = modelFormat;
  const runtime =
    str(model.runtime) ??
    str(st.servingRuntimeName) ??
    str(st.clusterServingRuntimeName);
  if (runtime) summary.runtime = runtime;
  const storageUri = str(model.storageUri) ?? str(obj(model.storage).path);
  if (storageUri) summary.storageUri = storageUri;
  const mode =
    m.annotations['serving.kserve.io/deploymentMode'] ?? str(st.deploymentMode);
  if (mode) summary.deploymentMode = mode;
  const url = str(st.url) ?? str(obj(st.address).url);
  if (url) summary.url = url;
  return summary;
}

/** A KServe LLMInferenceService (serving.kserve.io/v1alpha1 or v1alpha2). */
export function normalizeLlmInferenceService(
  raw: unknown,
  fallbackApiVersion: string,
): LlmInferenceServiceSummary {
  const m = meta(raw);
  const s = spec(raw);
  const st = status(raw);
  const model = obj(s.model);
  const summary: LlmInferenceServiceSummary = {
    apiVersion: apiVersionOf(raw, fallbackApiVersion),
    namespace: m.namespace ?? '',
    name: m.name,
    disaggregated: Object.keys(obj(s.prefill)).length > 0,
    ready: conditionState(conditions(st), 'Ready'),
    acceleratorRequests: podSpecAccelerators(s.template),
    labels: m.labels,
  };
  if (str(model.uri)) summary.modelUri = str(model.uri);
  if (str(model.name)) summary.modelName = str(model.name);
  if (num(s.replicas) !== undefined) summary.replicas = num(s.replicas);
  const url = str(st.url) ?? str(obj(arr(st.addresses)[0]).url);
  if (url) summary.url = url;
  return summary;
}

/** A ServingRuntime (namespaced) or ClusterServingRuntime. */
export function normalizeServingRuntime(
  raw: unknown,
  clusterScoped: boolean,
): ServingRuntimeSummary {
  const m = meta(raw);
  const s = spec(raw);
  const summary: ServingRuntimeSummary = {
    name: m.name,
    clusterScoped,
    modelFormats: arr(s.supportedModelFormats)
      .map(f => str(obj(f).name))
      .filter((f): f is string => !!f),
    images: arr(s.containers)
      .map(c => str(obj(c).image))
      .filter((i): i is string => !!i),
  };
  if (!clusterScoped && m.namespace) summary.namespace = m.namespace;
  return summary;
}
