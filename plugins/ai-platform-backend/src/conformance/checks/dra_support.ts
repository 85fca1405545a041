import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import {
  draPools,
  evidence,
  isReadable,
  isSchedulable,
  nodeByName,
  ref,
  result,
  servedResources,
  servedVersions,
  unreadable,
} from './helpers';

const GROUP = 'resource.k8s.io';
const KINDS = [
  'deviceclasses',
  'resourceclaims',
  'resourceclaimtemplates',
  'resourceslices',
];

/**
 * KAR-0051. Pass: `resource.k8s.io/v1` serves the four DRA kinds and at
 * least one driver publishes a complete pool of devices on a Ready,
 * schedulable node (incomplete pools are ignored). Partial: only beta
 * versions served, or v1 served with no usable pool (no driver). Fail: DRA
 * not served at all.
 */
export const draSupportCheck: ConformanceCheck = {
  requirementId: 'dra_support',
  evaluate(s) {
    if (!isReadable(s, 'discovery')) {
      return unreadable(s, ['discovery'], [], 'API discovery');
    }
    const versions = servedVersions(s, GROUP);
    if (!versions.length) {
      return result(
        'fail',
        'resource.k8s.io is not served: the cluster offers no DRA API',
        [
          evidence(
            'strong',
            false,
            'API discovery lists no resource.k8s.io group',
          ),
        ],
      );
    }
    const items: EvidenceItem[] = [];
    if (!versions.includes('v1')) {
      items.push(
        evidence(
          'medium',
          true,
          `resource.k8s.io served only at ${versions.join(', ')} (DRA beta)`,
        ),
      );
      return result(
        'partial',
        `DRA is only served at beta (${versions.join(
          ', ',
        )}), not resource.k8s.io/v1`,
        items,
      );
    }
    const listed = servedResources(s, `${GROUP}/v1`);
    const missing = listed ? KINDS.filter(k => !listed.includes(k)) : [];
    if (missing.length) {
      items.push(
        evidence(
          'strong',
          false,
          `resource.k8s.io/v1 does not serve ${missing.join(', ')}`,
        ),
      );
      return result(
        'partial',
        `resource.k8s.io/v1 is served but lacks ${missing.join(', ')}`,
        items,
      );
    }
    items.push(
      evidence(
        'strong',
        true,
        listed
          ? `resource.k8s.io/v1 served with ${KINDS.join(', ')}`
          : 'resource.k8s.io/v1 served',
      ),
    );

    const needed = ['draDeviceClasses', 'draResourceSlices', 'nodes'] as const;
    if (needed.some(p => !isReadable(s, p))) {
      // The API alone cannot tell pass (a usable driver) from partial.
      return unreadable(s, [...needed], items, 'the DRA devices');
    }

    for (const dc of s.dra.deviceClasses) {
      items.push(
        evidence(
          'strong',
          true,
          `DeviceClass ${dc.name}`,
          ref('resource.k8s.io/v1', 'DeviceClass', dc.name),
        ),
      );
    }
    const pools = draPools(s).filter(p => p.devices > 0);
    const usable = pools.filter(
      p =>
        p.complete && (!p.nodeName || isSchedulable(nodeByName(s, p.nodeName))),
    );
    for (const pool of pools) {
      const node = nodeByName(s, pool.nodeName);
      const where = pool.nodeName
        ? ` on node ${pool.nodeName}${
            isSchedulable(node) ? '' : ' (not Ready or not schedulable)'
          }`
        : '';
      const ok = usable.includes(pool);
      items.push(
        evidence(
          ok ? 'strong' : 'hint',
          ok,
          `Driver ${pool.driver} pool ${pool.name} (generation ${
            pool.generation
          }): ${pool.slices.length} of ${pool.expectedSlices} slices, ${
            pool.devices
          } devices${where}${pool.complete ? '' : ' - incomplete, ignored'}`,
          ref('resource.k8s.io/v1', 'ResourceSlice', pool.slices[0].name),
        ),
      );
    }
    const allocated = s.dra.resourceClaims.filter(c => c.allocated).length;
    if (allocated) {
      items.push(
        evidence(
          'medium',
          true,
          `${allocated} allocated ResourceClaim${allocated === 1 ? '' : 's'}`,
        ),
      );
    }

    if (s.dra.deviceClasses.length && usable.length) {
      const drivers = [...new Set(usable.map(p => p.driver))];
      return result(
        'pass',
        `resource.k8s.io/v1 served; ${drivers.join(', ')} publishes ${
          usable.length
        } complete pool${usable.length === 1 ? '' : 's'} on Ready nodes`,
        items,
        {
          cannotProve:
            'Allocation through claims is exercised by the upstream DRA conformance tests, not by reading.',
        },
      );
    }
    if (!pools.length && !s.dra.deviceClasses.length) {
      return result(
        'partial',
        'resource.k8s.io/v1 is served but no DRA driver is installed: no DeviceClass, no ResourceSlice',
        items,
      );
    }
    if (!s.dra.deviceClasses.length) {
      return result(
        'partial',
        'ResourceSlices are published but no DeviceClass lets workloads request them',
        items,
      );
    }
    return result(
      'partial',
      pools.length
        ? 'DRA devices are published but no pool is complete on a Ready, schedulable node'
        : 'DeviceClasses exist but no driver publishes devices in ResourceSlices',
      items,
    );
  },
};
