import { KubeSim, startKubeSim } from '../sim';
import {
  clusterQueueCrd,
  customMetricsApiService,
  inferencePoolCrd,
  resourceSlice,
  smallCluster,
} from '../testing/fixtures';
import { request } from '../testing/httpClient';

let sim: KubeSim;

const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

beforeEach(async () => {
  sim = await startKubeSim({
    clusters: [
      {
        name: 'new',
        version: { major: '1', minor: '34', gitVersion: 'v1.34.3-gke.1200000' },
        objects: [...smallCluster(), clusterQueueCrd, customMetricsApiService],
        apiServiceResources: {
          'custom.metrics.k8s.io/v1beta1': [
            {
              name: 'pods/gpu_util',
              singularName: '',
              namespaced: true,
              kind: 'MetricValueList',
              verbs: ['get'],
            },
          ],
        },
      },
      // 1.32 with DRA beta objects present; 1.33 with nothing DRA at all.
      {
        name: 'beta',
        version: { major: '1', minor: '32', gitVersion: 'v1.32.9' },
        objects: [resourceSlice('n1', 'resource.k8s.io/v1beta1')],
      },
      {
        name: 'plain',
        version: {
          major: '1',
          minor: '33+',
          gitVersion: 'v1.33.5-eks-3025e55',
        },
        objects: [inferencePoolCrd],
      },
    ],
  });
});

afterEach(async () => {
  await sim.stop();
});

function get(cluster: string, path: string, accept?: string) {
  const c = sim.cluster(cluster);
  return request(`${c.url}${path}`, {
    token: c.token,
    headers: accept ? { Accept: accept } : {},
  });
}

describe('discovery', () => {
  it('serves /version with defaults filled in', async () => {
    expect((await get('new', '/version')).json()).toEqual({
      major: '1',
      minor: '34',
      gitVersion: 'v1.34.3-gke.1200000',
      gitCommit: expect.any(String),
      gitTreeState: 'clean',
      buildDate: expect.any(String),
      goVersion: expect.stringMatching(/^go1\./),
      compiler: 'gc',
      platform: 'linux/amd64',
    });
  });

  it('answers plain application/json even when aggregated discovery is asked for', async () => {
    for (const path of ['/api', '/apis', '/api/v1', '/apis/apps/v1']) {
      const res = await get('new', path, AGGREGATED_ACCEPT);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
    }
    expect((await get('new', '/apis', AGGREGATED_ACCEPT)).json().kind).toBe(
      'APIGroupList',
    );
    expect((await get('new', '/api')).json()).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
  });

  it('lists built-in, CRD and aggregated groups with preferred versions', async () => {
    const groups = (await get('new', '/apis')).json().groups;
    const byName = Object.fromEntries(groups.map((g: any) => [g.name, g]));
    expect(
      byName['resource.k8s.io'].versions.map((v: any) => v.version),
    ).toEqual(['v1']);
    expect(byName['inference.networking.k8s.io'].preferredVersion.version).toBe(
      'v1',
    );
    expect(
      byName['kueue.x-k8s.io'].versions.map((v: any) => v.version),
    ).toEqual(['v1beta2', 'v1beta1']);
    expect(byName['kueue.x-k8s.io'].preferredVersion).toEqual({
      groupVersion: 'kueue.x-k8s.io/v1beta2',
      version: 'v1beta2',
    });
    expect(byName['custom.metrics.k8s.io'].versions).toEqual([
      { groupVersion: 'custom.metrics.k8s.io/v1beta1', version: 'v1beta1' },
    ]);
    const group = (await get('new', '/apis/kueue.x-k8s.io')).json();
    expect(group).toMatchObject({ kind: 'APIGroup', name: 'kueue.x-k8s.io' });
  });

  it('describes resources of a group version', async () => {
    const core = (await get('new', '/api/v1')).json();
    expect(core.groupVersion).toBe('v1');
    const pods = core.resources.find((r: any) => r.name === 'pods');
    expect(pods).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: [
        'create',
        'delete',
        'deletecollection',
        'get',
        'list',
        'patch',
        'update',
        'watch',
      ],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(
      core.resources.find((r: any) => r.name === 'pods/status'),
    ).toMatchObject({ kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    const cq = (await get('new', '/apis/kueue.x-k8s.io/v1beta1')).json()
      .resources[0];
    expect(cq).toMatchObject({
      name: 'clusterqueues',
      namespaced: false,
      kind: 'ClusterQueue',
      shortNames: ['cq'],
    });
    const metrics = (
      await get('new', '/apis/custom.metrics.k8s.io/v1beta1')
    ).json();
    expect(metrics.resources.map((r: any) => r.name)).toEqual([
      'pods/gpu_util',
    ]);
    const dra = (await get('new', '/apis/resource.k8s.io/v1'))
      .json()
      .resources.map((r: any) => r.name);
    expect(dra).toEqual(
      expect.arrayContaining([
        'deviceclasses',
        'resourceslices',
        'resourceclaims',
        'resourceclaimtemplates',
      ]),
    );
  });

  it('gates resource.k8s.io by version and presence; everything unknown is a 404 Status', async () => {
    expect((await get('beta', '/apis/resource.k8s.io/v1beta1')).status).toBe(
      200,
    );
    const v1On132 = await get('beta', '/apis/resource.k8s.io/v1');
    expect(v1On132.status).toBe(404);
    expect(v1On132.json()).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
    expect((await get('beta', '/apis/resource.k8s.io/v1beta2')).status).toBe(
      404,
    );
    expect(
      (await get('beta', '/apis/resource.k8s.io/v1beta1/resourceslices')).json()
        .items,
    ).toHaveLength(1);
    // 1.33 without DRA objects or features: no resource.k8s.io at all.
    const plainGroups = (await get('plain', '/apis'))
      .json()
      .groups.map((g: any) => g.name);
    expect(plainGroups).not.toContain('resource.k8s.io');
    expect(
      (await get('plain', '/apis/resource.k8s.io/v1beta2/resourceslices'))
        .status,
    ).toBe(404);
    expect((await get('plain', '/apis/resource.k8s.io')).status).toBe(404);
    expect((await get('plain', '/apis/kueue.x-k8s.io/v1beta2')).status).toBe(
      404,
    );
    expect(
      (await get('new', '/apis/inference.networking.k8s.io/v1/nope')).status,
    ).toBe(404);
    expect((await get('new', '/api/v2')).status).toBe(404);
    expect((await get('new', '/metrics')).status).toBe(404);
    // Cluster-scoped resources have no namespaced path.
    expect((await get('new', '/api/v1/namespaces/ml/nodes')).status).toBe(404);
  });

  it('answers /openapi with 404 (kubectl get does not need it)', async () => {
    expect((await get('new', '/openapi/v2')).status).toBe(404);
    expect((await get('new', '/openapi/v3')).status).toBe(404);
  });

  it('reports unavailable aggregated APIs with 503', async () => {
    sim.cluster('new').upsert({
      ...customMetricsApiService,
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name: 'metrics-server', namespace: 'kube-system' },
      },
      status: {
        conditions: [
          {
            type: 'Available',
            status: 'False',
            message: 'failing or missing response from https://10.0.0.5:443',
          },
        ],
      },
    });
    const res = await get('new', '/apis/metrics.k8s.io/v1beta1');
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({
      reason: 'ServiceUnavailable',
      message: 'failing or missing response from https://10.0.0.5:443',
    });
    expect(
      (await get('new', '/apis')).json().groups.map((g: any) => g.name),
    ).toContain('metrics.k8s.io');
  });

  it('serves Tables for kubectl', async () => {
    const accept =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const nodes = (await get('new', '/api/v1/nodes', accept)).json();
    expect(nodes.kind).toBe('Table');
    expect(nodes.columnDefinitions.slice(0, 5).map((c: any) => c.name)).toEqual(
      ['Name', 'Status', 'Roles', 'Age', 'Version'],
    );
    expect(nodes.rows.map((r: any) => r.cells.slice(0, 3))).toEqual([
      ['cpu-1', 'Ready,SchedulingDisabled', 'worker'],
      ['gpu-1', 'Ready', '<none>'],
      ['gpu-2', 'Ready', '<none>'],
    ]);
    expect(nodes.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'cpu-1' },
    });
    const pods = (
      await get(
        'new',
        '/api/v1/namespaces/ml/pods?includeObject=Object',
        accept,
      )
    ).json();
    expect(pods.columnDefinitions.slice(0, 5).map((c: any) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    expect(pods.rows.map((r: any) => r.cells.slice(0, 4))).toEqual([
      ['pending-0', '0/1', 'Pending', 0],
      ['serve-0', '1/1', 'Running', 0],
      ['train-0', '1/1', 'Running', 0],
    ]);
    expect(pods.rows[0].object.kind).toBe('Pod');
    const pools = (
      await get(
        'new',
        '/apis/inference.networking.k8s.io/v1/inferencepools',
        accept,
      )
    ).json();
    expect(pools.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'Port',
    ]);
    expect(pools.rows[0].cells).toEqual(['qwen', 8000]);
    const cqs = (
      await get('new', '/apis/kueue.x-k8s.io/v1beta2/clusterqueues', accept)
    ).json();
    expect(cqs.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'Age',
    ]);
  });
});
