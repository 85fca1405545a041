import {
  CapacityFit,
  CapacityRequest,
  ClusterInventory,
  GpuUnitGroup,
  NodeInventory,
  Placement,
} from '@ai-platform/plugin-ai-platform-common';
import { DEFAULT_FIT_LIMIT, validateCapacityRequest } from './capacityRequest';
import { IndexedNode, IndexedUnit, inventoryIndex } from './inventoryIndex';
import { ACCELERATOR_TAINT_KEYS, formatTaint } from './placementRules';
import { vendorTitle } from './productNames';

const MAX_CLOSEST = 5;

function unitLabel(unit: GpuUnitGroup): string {
  const product = unit.product;
  switch (unit.kind) {
    case 'mig':
      return `${product} ${unit.vendor === 'nvidia' ? 'MIG ' : 'partition '}${
        unit.profile ?? ''
      }`.trim();
    case 'time-slicing':
      return `${product} time-sliced replicas`;
    case 'mps':
      return `${product} MPS replicas`;
    default:
      return unit.dra ? `${product} (DRA)` : product;
  }
}

function formatGiBNumber(gib: number): string {
  return Number.isInteger(gib) ? String(gib) : gib.toFixed(1);
}

/**
 * What stands between a unit group and the request, mildest first: too few
 * free units (may change in minutes), a kind the request excluded (a flag
 * away), the node's state (may recover), too little memory (never fits).
 */
const SEVERITY = { units: 1, kind: 2, node: 3, memory: 4 } as const;

/** One unit group of one node, judged against the request with numbers only; words come later, for the few shown. */
interface Candidate {
  inventory: ClusterInventory;
  node: NodeInventory;
  unit: GpuUnitGroup;
  memoryGiB?: number;
  nodeProblems: string[];
  kindExcluded: boolean;
  memoryShort: boolean;
  unitsShort: boolean;
  problems: number;
  worstSeverity: number;
  /** Memory per device beyond what was asked; unknown memory ranks last. */
  waste: number;
  leftover: number;
  unitShare: number;
  memoryShare: number;
}

function assess(
  inventory: ClusterInventory,
  indexed: IndexedNode,
  unit: IndexedUnit,
  request: CapacityRequest,
): Candidate {
  const minGiB = request.minMemoryGiB ?? 0;
  const memoryGiB = unit.nominalGiB;
  const kind = unit.unit.kind;
  const kindExcluded =
    (kind === 'mig' && request.allowMig === false) ||
    ((kind === 'time-slicing' || kind === 'mps') && !request.allowShared);
  const memoryShort =
    minGiB > 0 && (memoryGiB === undefined || memoryGiB < minGiB);
  const free = unit.unit.free;
  const unitsShort = free < request.count;
  const nodeProblems = indexed.exclusions;
  let worstSeverity = 0;
  if (unitsShort) worstSeverity = SEVERITY.units;
  if (kindExcluded) worstSeverity = SEVERITY.kind;
  if (nodeProblems.length) worstSeverity = SEVERITY.node;
  if (memoryShort) worstSeverity = SEVERITY.memory;
  return {
    inventory,
    node: indexed.node,
    unit: unit.unit,
    memoryGiB,
    nodeProblems,
    kindExcluded,
    memoryShort,
    unitsShort,
    problems:
      nodeProblems.length +
      Number(kindExcluded) +
      Number(memoryShort) +
      Number(unitsShort),
    worstSeverity,
    waste:
      memoryGiB === undefined ? Number.MAX_SAFE_INTEGER : memoryGiB - minGiB,
    leftover: free - request.count,
    unitShare: Math.min(free, request.count) / request.count,
    memoryShare: memoryShare(memoryGiB, minGiB),
  };
}

/** How much of the asked memory a unit has, 0..1. */
function memoryShare(memoryGiB: number | undefined, minGiB: number): number {
  if (minGiB <= 0) return 1;
  if (memoryGiB === undefined) return 0;
  return Math.min(1, memoryGiB / minGiB);
}

/** Keeps the best `size` candidates in order without sorting them all. */
class TopCandidates {
  readonly items: Candidate[] = [];
  constructor(
    private readonly size: number,
    private readonly compare: (a: Candidate, b: Candidate) => number,
  ) {}
  offer(c: Candidate) {
    const { items } = this;
    if (
      items.length >= this.size &&
      this.compare(c, items[items.length - 1]) >= 0
    ) {
      return;
    }
    let i = items.length;
    while (i > 0 && this.compare(c, items[i - 1]) < 0) i--;
    items.splice(i, 0, c);
    if (items.length > this.size) items.pop();
  }
}

function problemMessages(c: Candidate, request: CapacityRequest): string[] {
  const minGiB = request.minMemoryGiB ?? 0;
  const messages = [...c.nodeProblems];
  if (c.kindExcluded) {
    messages.push(
      c.unit.kind === 'mig'
        ? `${unitLabel(c.unit)} instances, and allowMig is false`
        : `${
            c.unit.kind === 'mps' ? 'MPS' : 'time-sliced'
          } replicas share one GPU's memory; set allowShared to accept them`,
    );
  }
  if (c.memoryShort) {
    messages.push(
      c.memoryGiB === undefined
        ? `memory per device unknown, ${formatGiBNumber(minGiB)} GiB needed`
        : `${formatGiBNumber(c.memoryGiB)} GiB per device, ${formatGiBNumber(
            minGiB,
          )} needed`,
    );
  }
  if (c.unitsShort) {
    messages.push(`${c.unit.free} free of ${request.count} needed`);
  }
  return messages;
}

function notesOf(c: Candidate): string[] {
  const notes: string[] = [];
  for (const taint of c.node.taints) {
    if (
      ACCELERATOR_TAINT_KEYS.has(taint.key) &&
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute')
    ) {
      notes.push(`tainted ${formatTaint(taint)} (GPU pods tolerate it)`);
    }
  }
  if (c.inventory.stale) {
    notes.push(`cluster data is stale (collected ${c.inventory.collectedAt})`);
  }
  return notes;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Best first: least memory wasted per device, then fewest units left over (pack), then fresher data, then names. */
function compareFits(a: Candidate, b: Candidate): number {
  return (
    a.waste - b.waste ||
    a.leftover - b.leftover ||
    Number(a.inventory.stale) - Number(b.inventory.stale) ||
    compareText(b.inventory.collectedAt, a.inventory.collectedAt) ||
    compareText(a.inventory.cluster, b.inventory.cluster) ||
    compareText(a.node.name, b.node.name) ||
    compareText(a.unit.resourceName, b.unit.resourceName) ||
    compareText(a.unit.profile ?? '', b.unit.profile ?? '')
  );
}

/** Closest first: mildest worst problem, fewest problems, then most of the units, then most of the memory. */
function compareNearMisses(a: Candidate, b: Candidate): number {
  return (
    a.worstSeverity - b.worstSeverity ||
    a.problems - b.problems ||
    b.unitShare - a.unitShare ||
    b.memoryShare - a.memoryShare ||
    compareFits(a, b)
  );
}

function toPlacement(
  c: Candidate,
  request: CapacityRequest,
  score: number,
): Placement {
  const problems = problemMessages(c, request);
  const reasons = problems.length
    ? [...problems, ...notesOf(c)]
    : [
        `${c.unit.free} free ${unitLabel(c.unit)}, ${request.count} needed`,
        ...(c.memoryGiB !== undefined
          ? [`${formatGiBNumber(c.memoryGiB)} GiB per device`]
          : []),
        ...notesOf(c),
      ];
  return {
    cluster: c.inventory.cluster,
    node: c.node.name,
    vendor: c.unit.vendor,
    product: c.unit.product,
    resourceName: c.unit.resourceName,
    kind: c.unit.kind,
    dra: c.unit.dra,
    memoryMiB: c.unit.memoryMiB,
    freeUnits: c.unit.free,
    units: request.count,
    stale: c.inventory.stale,
    score,
    reasons,
    taints: c.node.taints.map(formatTaint),
  };
}

/** "4 × H100 ≥80 GiB" */
export function describeRequest(request: CapacityRequest): string {
  const what = [
    request.vendor ? vendorTitle(request.vendor) : undefined,
    request.product,
  ]
    .filter(Boolean)
    .join(' ');
  const memory = request.minMemoryGiB
    ? `≥${formatGiBNumber(request.minMemoryGiB)} GiB`
    : '';
  const device = [what, memory].filter(Boolean).join(' ') || 'GPU';
  return `${request.count} × ${device}`;
}

/** Clusters that lack an inventory (never collected, failed), as the service knows them. */
export interface UnavailableCluster {
  cluster: string;
  reason: string;
}

/**
 * Which clusters and nodes can take "N devices of at least M GiB on one
 * node" now. A placement uses one unit group of one node (a request never
 * mixes whole GPUs with MIG instances, nor device-plugin units with DRA
 * devices). Nodes that are NotReady, cordoned or tainted against new pods
 * are left out with the reason; stale clusters are skipped unless asked.
 */
export function fitCapacity(
  inventories: ClusterInventory[],
  requestInput: CapacityRequest,
  unavailable: UnavailableCluster[] = [],
): CapacityFit {
  const request = validateCapacityRequest(requestInput);
  const limit = request.limit ?? DEFAULT_FIT_LIMIT;
  const wanted = request.clusters ? new Set(request.clusters) : undefined;
  const skippedClusters: CapacityFit['skippedClusters'] = [];

  const usable: ClusterInventory[] = [];
  for (const inventory of [...inventories].sort((a, b) =>
    a.cluster.localeCompare(b.cluster),
  )) {
    if (wanted && !wanted.has(inventory.cluster)) continue;
    const unreadable = inventory.unreadableParts ?? [];
    if (unreadable.includes('nodes') || unreadable.includes('pods')) {
      skippedClusters.push({
        cluster: inventory.cluster,
        reason: `${unreadable.join(
          ' and ',
        )} could not be read, so free units are unknown`,
      });
    } else if (inventory.stale && !request.includeStale) {
      skippedClusters.push({
        cluster: inventory.cluster,
        reason: `stale: the last collection failed; data from ${inventory.collectedAt} may be out of date (set includeStale to use it)`,
      });
    } else {
      usable.push(inventory);
    }
  }
  const known = new Set(inventories.map(i => i.cluster));
  for (const u of unavailable) {
    if (known.has(u.cluster) || (wanted && !wanted.has(u.cluster))) continue;
    skippedClusters.push(u);
    known.add(u.cluster);
  }
  for (const name of request.clusters ?? []) {
    if (!known.has(name)) {
      skippedClusters.push({ cluster: name, reason: 'unknown cluster' });
      known.add(name);
    }
  }

  skippedClusters.sort((a, b) => a.cluster.localeCompare(b.cluster));

  const best = new TopCandidates(limit, compareFits);
  const nearWithFree = new TopCandidates(
    Math.min(limit, MAX_CLOSEST),
    compareNearMisses,
  );
  const nearAny = new TopCandidates(
    Math.min(limit, MAX_CLOSEST),
    compareNearMisses,
  );
  let fitCount = 0;
  const fitClusters = new Set<string>();
  const needle = request.product?.toLowerCase();
  for (const inventory of usable) {
    for (const indexed of inventoryIndex(inventory).nodes) {
      let bestFit: Candidate | undefined;
      let bestMiss: Candidate | undefined;
      for (const unit of indexed.units) {
        if (request.vendor && unit.unit.vendor !== request.vendor) continue;
        if (needle && !unit.names.some(n => n.includes(needle))) continue;
        const c = assess(inventory, indexed, unit, request);
        if (c.problems === 0) {
          if (!bestFit || compareFits(c, bestFit) < 0) bestFit = c;
        } else if (!bestMiss || compareNearMisses(c, bestMiss) < 0) {
          bestMiss = c;
        }
      }
      if (bestFit) {
        fitCount++;
        fitClusters.add(inventory.cluster);
        best.offer(bestFit);
      } else if (bestMiss) {
        nearAny.offer(bestMiss);
        if (bestMiss.unit.free > 0) nearWithFree.offer(bestMiss);
      }
    }
  }

  const chosen = best.items;
  // A node with nothing free is only worth naming when no node has anything free.
  let closest: Candidate[] = [];
  if (!fitCount) {
    closest = nearWithFree.items.length ? nearWithFree.items : nearAny.items;
  }
  const fitPlacements = chosen.map((c, i) =>
    toPlacement(c, request, chosen.length - i),
  );
  const closestPlacements = closest.map((c, i) =>
    toPlacement(c, request, closest.length - i),
  );

  return {
    request,
    fits: fitPlacements,
    closest: closestPlacements,
    summary: summarize(
      request,
      { count: fitCount, clusters: fitClusters.size, best: chosen[0] },
      closest,
      usable.length,
      skippedClusters,
    ),
    skippedClusters,
  };
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summarize(
  request: CapacityRequest,
  fits: { count: number; clusters: number; best?: Candidate },
  closest: Candidate[],
  searchedClusters: number,
  skipped: CapacityFit['skippedClusters'],
): string {
  const what = describeRequest(request);
  const skippedNote = skipped.length
    ? ` (${plural(skipped.length, 'cluster')} skipped: ${skipped
        .map(s => s.cluster)
        .join(', ')})`
    : '';
  if (fits.count && fits.best) {
    const best = fits.best;
    return `${plural(fits.count, 'node')} in ${plural(
      fits.clusters,
      'cluster',
    )} can take ${what} now; best: ${best.inventory.cluster}/${
      best.node.name
    } (${best.unit.free} free ${unitLabel(best.unit)})${skippedNote}`;
  }
  if (closest.length) {
    const c = closest[0];
    const lacks = problemMessages(c, request).join('; ');
    return `No node can take ${what} now; closest: ${c.inventory.cluster}/${
      c.node.name
    } has ${c.unit.free} free ${unitLabel(c.unit)} (${lacks})${skippedNote}`;
  }
  if (searchedClusters === 0) {
    return `No node can take ${what} now: no cluster with current inventory to search${skippedNote}`;
  }
  const filter = [
    request.vendor ? vendorTitle(request.vendor) : undefined,
    request.product ? `"${request.product}"` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return `No node can take ${what} now: no ${
    filter ? `${filter} ` : ''
  }GPUs in ${plural(searchedClusters, 'cluster')} searched${skippedNote}`;
}
