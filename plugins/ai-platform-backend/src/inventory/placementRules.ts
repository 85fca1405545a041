import {
  NodeInventory,
  parseMigProfile,
  productNameMemoryGiB,
} from '@ai-platform/plugin-ai-platform-common';

// Rules about nodes and units that inventory filters and capacity fit share.

/**
 * Taints GPU pods tolerate as a matter of course: clouds and admins put
 * them on accelerator nodes to keep other pods away, and GPU workloads
 * (and the device plugins' own admission) carry the matching toleration.
 */
export const ACCELERATOR_TAINT_KEYS = new Set([
  'nvidia.com/gpu',
  'amd.com/gpu',
  'gpu.intel.com/i915',
  'gpu.intel.com/xe',
  'habana.ai/gaudi',
  'google.com/tpu',
]);

type MemoryFacts = {
  memoryMiB?: number;
  profile?: string;
  product: string;
  /** Absent for physical boards, which are whole. */
  kind?: string;
};

/**
 * The memory a unit is sold as, in GiB, which is what people ask for: a MIG
 * profile's name (`3g.40gb` → 40), the product name when it is within 10%
 * of what the device reports (an H100 80GB reports 81559 MiB), otherwise
 * the reported memory.
 */
export function nominalMemoryGiB(unit: MemoryFacts): number | undefined {
  const mig = unit.profile ? parseMigProfile(unit.profile) : undefined;
  if (mig) return mig.memoryGiB;
  if (unit.memoryMiB === undefined) return undefined;
  const reported = unit.memoryMiB / 1024;
  const named =
    unit.kind === undefined ||
    unit.kind === 'whole' ||
    unit.kind === 'time-slicing' ||
    unit.kind === 'mps'
      ? productNameMemoryGiB(unit.product)
      : undefined;
  if (named && Math.abs(named - reported) <= named * 0.1) return named;
  return Math.round(reported * 10) / 10;
}

interface UnitFacts {
  nominalGiB?: number;
  /** Lower-case names a product filter matches. */
  names: string[];
}

// Inventories are immutable per snapshot, so what requests ask of a unit
// again and again is worked out once per unit object.
const unitFactsCache = new WeakMap<object, UnitFacts>();

export function unitFacts(unit: MemoryFacts): UnitFacts {
  let facts = unitFactsCache.get(unit);
  if (!facts) {
    const names = [unit.product];
    if (unit.profile) {
      names.push(unit.profile, `${unit.product}-MIG-${unit.profile}`);
    }
    facts = {
      nominalGiB: nominalMemoryGiB(unit),
      names: names.map(n => n.toLowerCase()),
    };
    unitFactsCache.set(unit, facts);
  }
  return facts;
}

/** Why a node cannot take new pods at all; tolerated accelerator taints are not reasons. */
export function nodeExclusions(node: NodeInventory): string[] {
  const reasons: string[] = [];
  if (node.ready === false) reasons.push('node NotReady');
  // Ready=Unknown: the kubelet stopped reporting; kubectl shows NotReady.
  else if (node.ready !== true) reasons.push('node NotReady (status Unknown)');
  if (!node.schedulable) reasons.push('node cordoned (unschedulable)');
  for (const taint of node.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (ACCELERATOR_TAINT_KEYS.has(taint.key)) continue;
    if (taint.key === 'node.kubernetes.io/unschedulable' && !node.schedulable) {
      continue;
    }
    if (
      (taint.key === 'node.kubernetes.io/not-ready' ||
        taint.key === 'node.kubernetes.io/unreachable') &&
      node.ready !== true
    ) {
      continue;
    }
    reasons.push(`taint ${formatTaint(taint)}`);
  }
  return reasons;
}

export function formatTaint(taint: {
  key: string;
  value?: string;
  effect: string;
}): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** Vendor and product filters; the product matches the board name, the MIG profile or both (`A100-80GB-MIG-3g`). */
export function unitMatchesProduct(
  unit: MemoryFacts & { vendor: string },
  request: { vendor?: string; product?: string },
): boolean {
  if (request.vendor && unit.vendor !== request.vendor) return false;
  if (!request.product) return true;
  const needle = request.product.toLowerCase();
  return unitFacts(unit).names.some(n => n.includes(needle));
}
