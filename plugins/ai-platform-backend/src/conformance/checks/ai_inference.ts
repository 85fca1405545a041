import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import {
  conditionText,
  evidence,
  isReadable,
  nsName,
  ref,
  result,
  servedVersions,
  unreadable,
} from './helpers';

const GROUP = 'gateway.networking.k8s.io';
const GV = `${GROUP}/v1`;

/**
 * No KAR (predates the process). Pass: Gateway API v1 served and a
 * GatewayClass accepted by its controller. Partial: only beta versions, or
 * GatewayClasses none of which is accepted. Fail: no Gateway API, or CRDs
 * with no GatewayClass (no implementation).
 */
export const aiInferenceCheck: ConformanceCheck = {
  requirementId: 'ai_inference',
  evaluate(s) {
    if (!isReadable(s, 'discovery')) {
      return unreadable(s, ['discovery'], [], 'API discovery');
    }
    const versions = servedVersions(s, GROUP);
    if (!versions.length) {
      return result(
        'fail',
        'gateway.networking.k8s.io is not served: no Gateway API',
        [
          evidence(
            'strong',
            false,
            'API discovery lists no gateway.networking.k8s.io group',
          ),
        ],
      );
    }
    if (!isReadable(s, 'gatewayClasses')) {
      return unreadable(
        s,
        ['gatewayClasses'],
        [evidence('strong', true, `${GROUP} served (${versions.join(', ')})`)],
        'the GatewayClasses',
      );
    }
    const items: EvidenceItem[] = [
      evidence('strong', true, `${GROUP} served (${versions.join(', ')})`),
    ];
    const classes = s.networking.gatewayClasses;
    const accepted = classes.filter(c => c.accepted === true);
    for (const c of classes) {
      items.push(
        evidence(
          'strong',
          c.accepted === true,
          `GatewayClass ${c.name} (${
            c.controllerName || 'no controller'
          }) Accepted=${conditionText(c.accepted)}${
            c.acceptedReason ? ` (${c.acceptedReason})` : ''
          }`,
          ref(GV, 'GatewayClass', c.name),
        ),
      );
    }
    for (const g of s.networking.gateways) {
      items.push(
        evidence(
          'medium',
          g.programmed === true,
          `Gateway ${nsName(g)} (class ${
            g.gatewayClassName
          }) Programmed=${conditionText(g.programmed)}`,
          ref(GV, 'Gateway', g.name, g.namespace),
        ),
      );
    }
    for (const r of s.networking.httpRoutes.filter(
      x => x.hasWeightedBackends || x.hasHeaderMatches,
    )) {
      const acceptedParents = r.parents.filter(p => p.accepted === true).length;
      items.push(
        evidence(
          'medium',
          acceptedParents > 0,
          `HTTPRoute ${nsName(r)} with ${[
            r.hasWeightedBackends ? 'weighted backends' : '',
            r.hasHeaderMatches ? 'header matches' : '',
          ]
            .filter(Boolean)
            .join(' and ')}, accepted by ${acceptedParents} of ${
            r.parents.length
          } parent(s)`,
          ref(GV, 'HTTPRoute', r.name, r.namespace),
        ),
      );
    }

    const cannotProve =
      'That weighted splits and header matches actually carry traffic needs test routes and requests.';
    if (!versions.includes('v1')) {
      return result(
        'partial',
        `Gateway API is only served at ${versions.join(', ')}, not v1`,
        items,
        { cannotProve },
      );
    }
    if (accepted.length) {
      return result(
        'pass',
        `Gateway API v1 served; GatewayClass ${accepted
          .map(c => `${c.name} (${c.controllerName})`)
          .join(', ')} accepted`,
        items,
        { cannotProve },
      );
    }
    if (classes.length) {
      return result(
        'partial',
        `GatewayClass ${classes
          .map(c => c.name)
          .join(', ')} exists but none is Accepted by its controller`,
        items,
        { cannotProve },
      );
    }
    return result(
      'fail',
      'Gateway API CRDs are installed but no GatewayClass: no implementation',
      [...items, evidence('hint', false, 'No GatewayClass')],
    );
  },
};
