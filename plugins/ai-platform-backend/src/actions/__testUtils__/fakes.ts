import {
  CapacityFit,
  CapacityRequest,
  ClusterInventory,
  ClusterStatus,
  FleetInventory,
  InventoryQuery,
  NodeInventory,
  NodeQuery,
  Page,
  Placement,
  RequirementResult,
  Scorecard,
  ChecklistVersion,
  tallyVerdicts,
} from '@ai-platform/plugin-ai-platform-common';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceMock,
  MockActionsRegistry,
} from '@backstage/backend-test-utils/alpha';
import { JsonObject } from '@backstage/types';
import { NotImplementedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConformanceService } from '../../conformance/ConformanceService';
import { InventoryService } from '../../inventory/InventoryService';
import { SnapshotService } from '../../snapshots/SnapshotService';

// Fakes of the services the actions call: each test says exactly what the
// service answers, so the test is about the action's own mapping.

export const COLLECTED_AT = '2026-09-01T10:00:00.000Z';

export function clusterStatus(
  name: string,
  overrides: Partial<ClusterStatus> = {},
): ClusterStatus {
  return {
    name,
    source: 'config',
    state: 'fresh',
    stale: false,
    kubernetesVersion: { gitVersion: 'v1.35.2', major: 1, minor: 35 },
    lastAttemptAt: COLLECTED_AT,
    lastSuccessAt: COLLECTED_AT,
    snapshotCollectedAt: COLLECTED_AT,
    partErrors: [],
    ...overrides,
  };
}

export function fakeSnapshots(statuses: ClusterStatus[]): SnapshotService {
  return {
    listClusters: async () => statuses,
    getCluster: async name => statuses.find(s => s.name === name),
    getLatest: async () => {
      throw new NotImplementedError('not used by actions');
    },
    listLatest: async () => {
      throw new NotImplementedError('not used by actions');
    },
    requestRefresh: async () => {},
    onSnapshot: () => () => {},
  };
}

/** An inventory service that answers with what the test gives and records the queries. */
export function fakeInventory(answers: {
  cluster?: Record<string, ClusterInventory>;
  fleet?: FleetInventory;
  nodes?: Page<NodeInventory>;
  fit?: (request: CapacityRequest) => CapacityFit;
}) {
  const calls = {
    fleet: [] as InventoryQuery[],
    nodes: [] as NodeQuery[],
    fit: [] as CapacityRequest[],
  };
  const service: InventoryService = {
    getClusterInventory: async name => answers.cluster?.[name],
    getFleetInventory: async query => {
      calls.fleet.push(query);
      if (!answers.fleet) throw new Error('fleet inventory not expected');
      return answers.fleet;
    },
    listNodes: async query => {
      calls.nodes.push(query);
      if (!answers.nodes) throw new Error('node list not expected');
      return answers.nodes;
    },
    fitCapacity: async request => {
      calls.fit.push(request);
      if (!answers.fit) throw new Error('capacity fit not expected');
      return answers.fit(request);
    },
  };
  return { service, calls };
}

export function fakeConformance(scorecards: Record<string, Scorecard>): {
  service: ConformanceService;
  versions: (ChecklistVersion | undefined)[];
} {
  const versions: (ChecklistVersion | undefined)[] = [];
  const service: ConformanceService = {
    listChecklists: () => [],
    getScorecard: async (cluster, options) => {
      versions.push(options?.checklistVersion);
      return scorecards[cluster];
    },
    getMatrix: async () => {
      throw new NotImplementedError('not used by actions');
    },
    getHistory: async () => [],
    getProductYaml: async () => undefined,
    cleanupHistory: async () => ({ changes: 0, verdicts: 0 }),
  };
  return { service, versions };
}

/** Allows everything except the named permissions. */
export function permissionsDenying(...denied: string[]): PermissionsService {
  return {
    authorize: async requests =>
      requests.map(r => ({
        result: denied.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as PermissionsService;
}

export function registry() {
  return actionsRegistryServiceMock();
}

/**
 * Invokes a registered action through the mock registry, which validates
 * input and output against the action's schemas like the real one does.
 */
export async function invoke(
  actions: MockActionsRegistry,
  name: string,
  input: JsonObject,
  credentials = mockCredentials.user(),
  // Outputs are checked field by field in the tests.
): Promise<Record<string, any>> {
  const { output } = await actions.invoke({
    id: `test:${name}`,
    input,
    credentials,
  });
  return output as Record<string, any>;
}

export function requirement(
  id: string,
  level: 'MUST' | 'SHOULD',
  verdict: RequirementResult['verdict'],
  extra: Partial<RequirementResult> = {},
): RequirementResult {
  return {
    id,
    kar: `KAR-${String(id.length).padStart(4, '0')}`,
    category: 'accelerators',
    level,
    title: `Title of ${id}`,
    verdict,
    reason: `${id} is ${verdict}`,
    evidence: [],
    ...extra,
  };
}

export function scorecard(
  cluster: string,
  requirements: RequirementResult[],
  overrides: Partial<Scorecard> = {},
): Scorecard {
  const must = requirements.filter(r => r.level === 'MUST');
  const should = requirements.filter(r => r.level === 'SHOULD');
  return {
    cluster,
    checklistVersion: '1.35',
    checklistStatus: 'final',
    kubernetesVersion: 'v1.35.2',
    snapshotCollectedAt: COLLECTED_AT,
    evaluatedAt: COLLECTED_AT,
    stale: false,
    requirements,
    summary: {
      must: tallyVerdicts(must.map(r => r.verdict)),
      should: tallyVerdicts(should.map(r => r.verdict)),
      readiness: 'needs-active-tests',
      readinessReason:
        'secure_accelerator_access can only be settled by active tests',
    },
    ...overrides,
  };
}

export function placement(
  cluster: string,
  node: string,
  overrides: Partial<Placement> = {},
): Placement {
  return {
    cluster,
    node,
    vendor: 'nvidia',
    product: 'NVIDIA-H100-80GB-HBM3',
    resourceName: 'nvidia.com/gpu',
    kind: 'whole',
    dra: false,
    memoryMiB: 81559,
    freeUnits: 4,
    units: 4,
    stale: false,
    score: 1,
    reasons: ['4 free NVIDIA-H100-80GB-HBM3, 4 needed', '80 GiB per device'],
    taints: [],
    ...overrides,
  };
}

export function capacityFit(
  request: CapacityRequest,
  fits: Placement[],
  closest: Placement[] = [],
  summary = 'service summary',
): CapacityFit {
  return { request, fits, closest, summary, skippedClusters: [] };
}

/**
 * The registry's input validation error of a call: the arguments it names
 * (zod puts them in each issue's path) and what it says is wrong.
 */
export async function validationError(
  call: Promise<unknown>,
): Promise<{ arguments: string[]; problems: string[] }> {
  const error = await call.then(
    () => undefined,
    (e: Error) => e,
  );
  if (!error) throw new Error('Expected the call to be rejected');
  const match =
    /^Invalid input to action "[^"]+"; caused by (\[[\s\S]*\])$/.exec(
      error.message,
    );
  if (!match)
    throw new Error(`Not an input validation error: ${error.message}`);
  const issues = JSON.parse(match[1]) as {
    path: (string | number)[];
    message: string;
  }[];
  return {
    arguments: issues.map(i => i.path.join('.')),
    problems: issues.map(i => i.message),
  };
}
