import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import {
  crdNamed,
  evidence,
  isReadable,
  labelsMatch,
  nsName,
  ref,
  result,
  unreadable,
} from './helpers';

const ROLE = 'llm-d.ai/role';
const CANNOT_PROVE =
  'That one request flows through a prefill and a decode instance (the same request id in both logs) is not visible through the API.';

/**
 * KAR-0041. Every read-only signal is medium, so the best verdict is partial
 * (limited by read-only evidence): llm-d prefill and decode pods (best when
 * Ready behind an InferencePool), a DynamoGraphDeployment, a KServe
 * LLMInferenceService with prefill, LeaderWorkerSets. CRDs with no
 * instances are hints only: fail.
 */
export const disaggregatedInferenceCheck: ConformanceCheck = {
  requirementId: 'disaggregated_inference',
  evaluate(s) {
    const medium: EvidenceItem[] = [];
    const hints: EvidenceItem[] = [];

    // llm-d: prefill and decode pods of the same namespace.
    const byNamespace = new Map<
      string,
      {
        prefill: typeof s.pods.inferencePods;
        decode: typeof s.pods.inferencePods;
      }
    >();
    for (const pod of s.pods.inferencePods) {
      const role = pod.labels[ROLE];
      if (role !== 'prefill' && role !== 'decode') continue;
      const entry = byNamespace.get(pod.namespace) ?? {
        prefill: [],
        decode: [],
      };
      entry[role].push(pod);
      byNamespace.set(pod.namespace, entry);
    }
    for (const [namespace, { prefill, decode }] of byNamespace) {
      if (!prefill.length || !decode.length) continue;
      const readyP = prefill.filter(p => p.ready).length;
      const readyD = decode.filter(p => p.ready).length;
      const pools = s.networking.inferencePools.filter(
        pool =>
          pool.namespace === namespace &&
          prefill.some(p => labelsMatch(pool.selector, p.labels)) &&
          decode.some(p => labelsMatch(pool.selector, p.labels)),
      );
      medium.push(
        evidence(
          'medium',
          readyP > 0 && readyD > 0,
          `llm-d in ${namespace}: ${readyP}/${
            prefill.length
          } prefill and ${readyD}/${decode.length} decode pods Ready${
            pools.length
              ? `, behind InferencePool ${pools.map(nsName).join(', ')}`
              : ''
          }`,
          ref('v1', 'Pod', prefill[0].name, namespace),
        ),
      );
    }
    // Deployments tell the same when pods could not be read.
    if (!medium.length) {
      const roles = new Map<string, Set<string>>();
      for (const d of s.workloads.deployments) {
        const role = d.templateLabels[ROLE];
        if (role === 'prefill' || role === 'decode') {
          roles.set(
            d.namespace,
            (roles.get(d.namespace) ?? new Set()).add(role),
          );
        }
      }
      for (const [namespace, set] of roles) {
        if (set.size === 2) {
          medium.push(
            evidence(
              'medium',
              true,
              `llm-d prefill and decode Deployments in ${namespace}`,
            ),
          );
        }
      }
    }
    for (const l of s.serving.llmInferenceServices.filter(
      x => x.disaggregated,
    )) {
      medium.push(
        evidence(
          'medium',
          l.ready !== false,
          `LLMInferenceService ${nsName(
            l,
          )} with separate prefill (Ready=${String(l.ready)})`,
          ref(l.apiVersion, 'LLMInferenceService', l.name, l.namespace),
        ),
      );
    }
    const dynamo = s.operatorResources.filter(
      r => r.kind === 'DynamoGraphDeployment',
    );
    for (const d of dynamo) {
      medium.push(
        evidence(
          'medium',
          true,
          `DynamoGraphDeployment ${nsName(d)}`,
          ref(d.apiVersion, d.kind, d.name, d.namespace),
        ),
      );
    }
    const lws = s.operatorResources.filter(r => r.kind === 'LeaderWorkerSet');
    for (const d of lws) {
      medium.push(
        evidence(
          'medium',
          true,
          `LeaderWorkerSet ${nsName(d)}`,
          ref(d.apiVersion, d.kind, d.name, d.namespace),
        ),
      );
    }
    for (const name of [
      'dynamographdeployments.nvidia.com',
      'leaderworkersets.leaderworkerset.x-k8s.io',
      'llminferenceservices.serving.kserve.io',
    ]) {
      const crd = crdNamed(s, name);
      if (crd) {
        hints.push(
          evidence(
            'hint',
            true,
            `CRD ${name}`,
            ref('apiextensions.k8s.io/v1', 'CustomResourceDefinition', name),
          ),
        );
      }
    }

    if (medium.length) {
      return result(
        'partial',
        'Separate prefill and decode components are deployed; read-only evidence cannot show a request flowing through both',
        [...medium, ...hints],
        { cannotProve: CANNOT_PROVE, limitedByReadOnly: true },
      );
    }
    const needed = [
      'pods',
      'deployments',
      'crds',
      'llmInferenceServices',
      'operatorResources',
    ] as const;
    if (needed.some(p => !isReadable(s, p))) {
      return unreadable(s, [...needed], hints, 'the serving evidence');
    }
    return result(
      'fail',
      hints.length
        ? 'Disaggregated serving CRDs are installed but nothing runs prefill and decode separately'
        : 'No llm-d prefill/decode pods, Dynamo, LLMInferenceService with prefill or LeaderWorkerSet',
      hints,
    );
  },
};
