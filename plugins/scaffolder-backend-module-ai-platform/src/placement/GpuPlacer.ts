import {
  AiPlatformApi,
  CapacityFit,
  CapacityRequest,
  ClusterStatus,
  GpuVendor,
  Placement,
} from '@ai-platform/plugin-ai-platform-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  describeOption,
  describePlacement,
  deviceClassFor,
  gibOf,
  nodeSelectorFor,
  Toleration,
  tolerationsFor,
} from './placementDetails';

/** "N devices with at least M GiB each on one node", and where. */
export interface GpuRequest {
  count: number;
  minMemoryGiB?: number;
  vendor?: GpuVendor;
  /** Part of a product name, e.g. `H100`. */
  product?: string;
  /** A cluster name or its `Resource` entity ref; the request must fit there. */
  cluster?: string;
  /** Accept MIG instances (single-device requests only; default true). */
  allowMig?: boolean;
  /** Accept DRA devices (default true; KServe predictors request device-plugin GPUs). */
  allowDra?: boolean;
  /**
   * Nodes that must each take `count` GPUs at once, in one cluster (a gang
   * of workers that starts all together). Default 1.
   */
  nodes?: number;
}

export interface GpuPlacement {
  cluster: string;
  /** `resource:default/h100-prod` */
  clusterEntityRef: string;
  node: string;
  vendor: GpuVendor;
  product: string;
  /** What pods request: `nvidia.com/gpu`, `nvidia.com/mig-3g.40gb`, `amd.com/gpu`, or `dra:<driver>`. */
  resourceName: string;
  unitKind: string;
  dra: boolean;
  deviceClassName?: string;
  memoryGiB?: number;
  count: number;
  freeUnits: number;
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  instanceType?: string;
  zone?: string;
  /** Why this node: the fit's reasons, how it was chosen, how fresh the data is. */
  why: string;
  /** Other nodes that fit, best first. */
  alternatives: string[];
  /** For a gang (`nodes` > 1): the nodes of the chosen cluster that fit now. */
  gangNodes: string[];
}

const MAX_OPTIONS_LISTED = 5;

function clusterRef(status: ClusterStatus): string {
  return status.entityRef ?? `resource:default/${status.name}`;
}

/**
 * Picks where a GPU request fits from the live inventory (the ai-platform
 * backend's capacity fit over the latest snapshots), or explains why it
 * does not and what comes closest. Reads only; nothing is reserved.
 */
export class GpuPlacer {
  constructor(private readonly api: AiPlatformApi) {}

  async place(
    request: GpuRequest,
    options: { token: string },
  ): Promise<GpuPlacement> {
    const { token } = options;
    const { items: clusters } = await this.api.listClusters({ token });
    const named = request.cluster
      ? this.findCluster(request.cluster, clusters)
      : undefined;

    const allowMig = request.count === 1 ? request.allowMig ?? true : false;
    const capacityRequest: CapacityRequest = {
      count: request.count,
      ...(request.minMemoryGiB ? { minMemoryGiB: request.minMemoryGiB } : {}),
      ...(request.vendor ? { vendor: request.vendor } : {}),
      ...(request.product?.trim() ? { product: request.product.trim() } : {}),
      ...(named ? { clusters: [named.name] } : {}),
      allowMig,
    };
    const nodes = request.nodes ?? 1;
    const fit = await this.api.fitCapacity(
      { ...capacityRequest, limit: nodes > 1 ? 100 : 20 },
      { token },
    );
    const allUsable = fit.fits.filter(
      p => request.allowDra !== false || !p.dra,
    );

    if (allUsable.length === 0) {
      throw new InputError(
        await this.explainNoFit(request, capacityRequest, fit, named, token),
      );
    }
    // A gang needs enough fitting nodes in one cluster; fits come best first.
    const byCluster = new Map<string, Placement[]>();
    for (const p of allUsable) {
      byCluster.set(p.cluster, [...(byCluster.get(p.cluster) ?? []), p]);
    }
    const gangCluster = [...byCluster.entries()].find(
      ([, list]) => list.length >= nodes,
    );
    if (!gangCluster) {
      const counts = [...byCluster.entries()]
        .map(
          ([c, list]) =>
            `${c} has ${list.length} (${list.map(p => p.node).join(', ')})`,
        )
        .join('; ');
      throw new InputError(
        `No cluster has ${nodes} nodes that can each take ${request.count} GPU${
          request.count === 1 ? '' : 's'
        } now (an all-or-nothing gang needs them all at once): ${counts}. Use fewer workers or fewer GPUs per worker, or wait for capacity.`,
      );
    }
    const usable = nodes > 1 ? gangCluster[1] : allUsable;

    const best = usable[0];
    const status = clusters.find(c => c.name === best.cluster);
    const node = await this.nodeDetails(best, token);
    const alternatives = usable
      .slice(1, 1 + MAX_OPTIONS_LISTED)
      .map(describePlacement);
    const why = [
      `${best.cluster}/${best.node}: ${best.reasons.join('; ')}.`,
      named
        ? `Validated on the cluster you chose, ${named.name}.`
        : `Best of ${allUsable.length} node${
            allUsable.length === 1 ? '' : 's'
          } that fit (least GPU memory left unused, then tightest packing).`,
      ...(nodes > 1
        ? [
            `${usable.length} nodes of ${best.cluster} can each take ${
              request.count
            } now, ${nodes} needed for the gang: ${usable
              .slice(0, nodes)
              .map(p => p.node)
              .join(', ')}${usable.length > nodes ? ', ...' : ''}.`,
          ]
        : []),
      ...(request.allowDra === false && usable.length < fit.fits.length
        ? [
            'Nodes that offer the GPUs only through DRA were left out: this serving stack requests device-plugin GPUs.',
          ]
        : []),
      ...(!allowMig && request.count > 1
        ? [
            'MIG instances were not considered: tensor parallelism across MIG instances has no peer-to-peer path.',
          ]
        : []),
      `Capacity as of ${
        status?.snapshotCollectedAt ?? 'the last collection'
      }; it is read, not reserved.`,
    ].join(' ');

    return {
      cluster: best.cluster,
      clusterEntityRef: status
        ? clusterRef(status)
        : `resource:default/${best.cluster}`,
      node: best.node,
      vendor: best.vendor,
      product: best.product,
      resourceName: best.resourceName,
      unitKind: best.kind,
      dra: best.dra,
      ...(deviceClassFor(best)
        ? { deviceClassName: deviceClassFor(best) }
        : {}),
      ...(gibOf(best) !== undefined ? { memoryGiB: gibOf(best) } : {}),
      count: request.count,
      freeUnits: best.freeUnits,
      nodeSelector: nodeSelectorFor(best),
      tolerations: tolerationsFor(best),
      ...(node?.instanceType ? { instanceType: node.instanceType } : {}),
      ...(node?.zone ? { zone: node.zone } : {}),
      why,
      alternatives,
      gangNodes: nodes > 1 ? usable.map(p => p.node) : [],
    };
  }

  private findCluster(
    wanted: string,
    clusters: ClusterStatus[],
  ): ClusterStatus {
    let ref: string | undefined;
    if (wanted.includes(':') || wanted.includes('/')) {
      try {
        ref = stringifyEntityRef(
          parseEntityRef(wanted, {
            defaultKind: 'resource',
            defaultNamespace: 'default',
          }),
        );
      } catch {
        ref = undefined;
      }
    }
    const found = clusters.find(
      c =>
        c.name === wanted ||
        (ref !== undefined &&
          c.entityRef !== undefined &&
          c.entityRef === ref) ||
        (ref !== undefined && ref === `resource:default/${c.name}`),
    );
    if (!found) {
      throw new InputError(
        `Unknown cluster "${wanted}"; the portal knows ${
          clusters
            .map(c => `${c.name}${c.entityRef ? ` (${c.entityRef})` : ''}`)
            .join(', ') || 'no clusters'
        }`,
      );
    }
    return found;
  }

  private async explainNoFit(
    request: GpuRequest,
    capacityRequest: CapacityRequest,
    fit: CapacityFit,
    named: ClusterStatus | undefined,
    token: string,
  ): Promise<string> {
    const lines: string[] = [];
    const droppedDra = fit.fits.filter(p => p.dra);
    if (named) {
      const skipped = fit.skippedClusters.find(s => s.cluster === named.name);
      lines.push(
        skipped
          ? `Cluster ${named.name} cannot be used now: ${skipped.reason}.`
          : `Cluster ${named.name} cannot take this request now: ${fit.summary}.`,
      );
    } else {
      lines.push(`No cluster can take this request now: ${fit.summary}.`);
    }
    const closest: Placement[] = droppedDra.length ? droppedDra : fit.closest;
    if (droppedDra.length) {
      lines.push(
        'These nodes have the GPUs, but only through DRA, which this serving stack does not request:',
      );
    } else if (closest.length) {
      lines.push(`Closest options${named ? ` in ${named.name}` : ''}:`);
    }
    for (const option of closest.slice(0, MAX_OPTIONS_LISTED)) {
      lines.push(`- ${describeOption(option)}`);
    }
    if (!named) {
      for (const s of fit.skippedClusters) {
        lines.push(`- cluster ${s.cluster} skipped: ${s.reason}`);
      }
    }
    if (named) {
      // Where else it would fit, so the user can pick another cluster.
      const { clusters: _only, ...anywhere } = capacityRequest;
      const elsewhere = await this.api.fitCapacity(
        { ...anywhere, limit: 10 },
        { token },
      );
      const others = elsewhere.fits
        .filter(
          p =>
            p.cluster !== named.name && (request.allowDra !== false || !p.dra),
        )
        .slice(0, 3);
      lines.push(
        others.length
          ? `It fits elsewhere: ${others.map(describePlacement).join('; ')}.`
          : 'It does not fit in any other cluster either.',
      );
    }
    lines.push(
      'Ask for fewer GPUs or less memory per GPU, pick another cluster, or wait for capacity to free up.',
    );
    return lines.join('\n');
  }

  private async nodeDetails(placement: Placement, token: string) {
    // Instance type and zone say which node pool it is; they are extra, so a failure is not fatal.
    try {
      const page = await this.api.listNodes(
        { clusters: [placement.cluster], gpuOnly: true, limit: 500 },
        { token },
      );
      return page.items.find(n => n.name === placement.node);
    } catch {
      return undefined;
    }
  }
}
