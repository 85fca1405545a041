import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  ClusterSnapshot,
  EvidenceItem,
  InferencePoolSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  allWorkloads,
  crdsOfGroup,
  evidence,
  isReadable,
  isRunning,
  nsName,
  ref,
  result,
  servedVersions,
  unreadable,
  workloadsBehindService,
} from './helpers';

const GROUP = 'inference.networking.k8s.io';
const ALPHA_GROUP = 'inference.networking.x-k8s.io';

function routesTo(s: ClusterSnapshot, pool: InferencePoolSummary) {
  return s.networking.httpRoutes.filter(r =>
    r.backendRefs.some(
      b =>
        b.kind === 'InferencePool' &&
        (b.group === GROUP || b.group === ALPHA_GROUP) &&
        b.name === pool.name &&
        (b.namespace ?? r.namespace) === pool.namespace,
    ),
  );
}

function pickerReady(s: ClusterSnapshot, pool: InferencePoolSummary): boolean {
  const picker = pool.endpointPicker;
  if (!picker) return false;
  const behind = workloadsBehindService(s, {
    namespace: pool.namespace,
    name: picker.name,
  });
  const named = allWorkloads(s).filter(
    w => w.namespace === pool.namespace && w.name === picker.name,
  );
  return [...behind, ...named].some(isRunning);
}

/**
 * KAR-0011. Pass: an InferencePool (inference.networking.k8s.io/v1) routed
 * to by an HTTPRoute, accepted by a Gateway, with its endpoint picker
 * running. Partial: pools missing one of those, or only the alpha
 * (x-k8s.io) kinds. Fail: no GAIE API, or CRDs with no pools.
 */
export const advancedInferenceIngressCheck: ConformanceCheck = {
  requirementId: 'advanced_inference_ingress',
  evaluate(s) {
    if (!isReadable(s, 'discovery') || !isReadable(s, 'crds')) {
      return unreadable(s, ['discovery', 'crds'], [], 'API discovery');
    }
    const v1 = servedVersions(s, GROUP).includes('v1');
    const alphaCrds = crdsOfGroup(s, ALPHA_GROUP);
    const alphaServed =
      servedVersions(s, ALPHA_GROUP).length > 0 || alphaCrds.length > 0;
    if (!v1 && !alphaServed && !crdsOfGroup(s, GROUP).length) {
      return result(
        'fail',
        'No Gateway API Inference Extension: inference.networking.k8s.io InferencePool is not served',
        [
          evidence(
            'strong',
            false,
            `API discovery lists no ${GROUP} or ${ALPHA_GROUP} group`,
          ),
        ],
      );
    }
    if (!isReadable(s, 'inferencePools') || !isReadable(s, 'httpRoutes')) {
      return unreadable(
        s,
        ['inferencePools', 'httpRoutes'],
        [],
        'the InferencePools and routes',
      );
    }
    const items: EvidenceItem[] = [];
    if (v1) items.push(evidence('strong', true, `${GROUP}/v1 served`));
    const complete: string[] = [];
    const gaps: string[] = [];
    for (const pool of s.networking.inferencePools) {
      const routes = routesTo(s, pool);
      const accepted = pool.parents.filter(p => p.accepted === true);
      const epp = pickerReady(s, pool);
      const isV1 = pool.apiVersion === `${GROUP}/v1`;
      const pickerGap = pool.endpointPicker
        ? `endpoint picker ${pool.endpointPicker.name} not running`
        : 'no endpoint picker';
      const missing = [
        isV1 ? '' : `served at ${pool.apiVersion}`,
        routes.length ? '' : 'no HTTPRoute routes to it',
        accepted.length ? '' : 'no Gateway accepted it',
        epp ? '' : pickerGap,
      ].filter(Boolean);
      const ok = missing.length === 0;
      (ok ? complete : gaps).push(nsName(pool));
      items.push(
        evidence(
          ok ? 'strong' : 'medium',
          true,
          `InferencePool ${nsName(pool)}${
            routes.length ? `, routed by ${routes.map(nsName).join(', ')}` : ''
          }${
            accepted.length
              ? `, accepted by ${accepted.map(p => p.name).join(', ')}`
              : ''
          }${
            epp ? `, endpoint picker ${pool.endpointPicker!.name} running` : ''
          }${missing.length ? ` (${missing.join('; ')})` : ''}`,
          ref(pool.apiVersion, 'InferencePool', pool.name, pool.namespace),
        ),
      );
    }
    for (const crd of alphaCrds.filter(c =>
      [
        'InferenceObjective',
        'InferenceModel',
        'InferenceModelRewrite',
      ].includes(c.kind),
    )) {
      items.push(
        evidence(
          'medium',
          true,
          `CRD ${crd.name}`,
          ref('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd.name),
        ),
      );
    }

    const cannotProve =
      'Routing decisions (KV-cache and load aware endpoint picking) need the GAIE conformance suite.';
    if (complete.length) {
      return result(
        'pass',
        `InferencePool ${complete.join(
          ', ',
        )} is routed through an accepted Gateway with a running endpoint picker`,
        items,
        { cannotProve },
      );
    }
    if (
      gaps.length &&
      (!isReadable(s, 'deployments') || !isReadable(s, 'services'))
    ) {
      // The endpoint pickers may be running; we could not see them.
      return unreadable(
        s,
        ['deployments', 'services'],
        items,
        'the endpoint picker Deployments',
      );
    }
    if (gaps.length) {
      return result(
        'partial',
        `InferencePools exist but none is complete: ${gaps.join(', ')}`,
        items,
        { cannotProve },
      );
    }
    if (items.some(i => i.strength === 'medium')) {
      return result(
        'partial',
        'Only the alpha inference.networking.x-k8s.io kinds are installed, no InferencePool',
        items,
        { cannotProve },
      );
    }
    return result(
      'fail',
      'The InferencePool API is installed but no InferencePool exists',
      [...items, evidence('hint', false, 'No InferencePool')],
    );
  },
};
