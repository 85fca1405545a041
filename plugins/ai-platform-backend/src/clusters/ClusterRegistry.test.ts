import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { clustersFromEntities } from './catalogClusters';
import { ClusterRegistry } from './ClusterRegistry';

function clusterEntity(
  name: string,
  annotations: Record<string, string> = {},
  title?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations,
      ...(title ? { title } : {}),
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:platform' },
  };
}

describe('clustersFromEntities', () => {
  it('defines, attaches and skips clusters from kubernetes-cluster Resources', () => {
    const result = clustersFromEntities(
      [
        clusterEntity('prod-gpu', {
          'ai-platform.dev/cluster-name': 'h100-prod',
        }),
        clusterEntity(
          'lab',
          {
            'kubernetes.io/api-server': 'https://lab.example.com',
            'kubernetes.io/api-server-certificate-authority': 'LS0t',
          },
          'GPU lab',
        ),
        clusterEntity('edge', {
          'kubernetes.io/api-server': 'https://edge.example.com',
        }),
        clusterEntity('a100-research'),
        { ...clusterEntity('not-a-cluster'), spec: { type: 'database' } },
        { ...clusterEntity('component'), kind: 'Component' },
      ],
      { defaultToken: undefined, tokens: { lab: 'lab-token' } },
    );
    expect(result.clusters).toEqual([
      {
        name: 'lab',
        title: 'GPU lab',
        url: 'https://lab.example.com',
        source: 'catalog',
        entityRef: 'resource:default/lab',
        auth: { type: 'serviceAccount', token: 'lab-token' },
        caData: 'LS0t',
      },
    ]);
    expect(result.attachments).toEqual([
      {
        clusterName: 'h100-prod',
        entityRef: 'resource:default/prod-gpu',
        explicit: true,
      },
      {
        clusterName: 'a100-research',
        entityRef: 'resource:default/a100-research',
        explicit: false,
      },
    ]);
    expect(result.skipped).toEqual([
      expect.objectContaining({
        name: 'edge',
        source: 'catalog',
        reason: expect.stringMatching(
          /no credentials for catalog cluster "edge"/,
        ),
      }),
    ]);
  });
});

describe('ClusterRegistry', () => {
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'h100-prod',
              url: 'https://h100.example.com',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't1',
            },
            {
              name: 'a100-research',
              url: 'https://a100.example.com',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't2',
            },
            {
              name: 'gke',
              url: 'https://gke.example.com',
              authProvider: 'google',
            },
          ],
        },
      ],
    },
    aiPlatform: {
      catalogClusters: {
        serviceAccountToken: 'catalog-token',
        allowedHosts: ['*.lab.internal'],
      },
    },
  });

  it('merges config, catalog and extension sources; first definition of a name wins', async () => {
    const logger = mockServices.logger.mock();
    const registry = new ClusterRegistry({
      config,
      logger,
      auth: mockServices.auth(),
      catalog: catalogServiceMock({
        entities: [
          clusterEntity('prod-gpu', {
            'ai-platform.dev/cluster-name': 'h100-prod',
          }),
          clusterEntity('a100-research'),
          clusterEntity('h100-prod', {
            'kubernetes.io/api-server': 'https://elsewhere.example.com',
          }),
          clusterEntity('lab', {
            'kubernetes.io/api-server': 'https://kube.lab.internal',
          }),
          clusterEntity('gke'),
        ],
      }),
      sources: [
        {
          id: 'fleet',
          listClusters: async () => [
            {
              name: 'fleet-1',
              url: 'https://fleet-1.example.com',
              source: 'extension',
              auth: { type: 'serviceAccount', token: 'f' },
            },
            {
              name: 'lab',
              url: 'https://other.example.com',
              source: 'extension',
              auth: { type: 'serviceAccount', token: 'f' },
            },
            {
              name: 'bad name',
              source: 'extension',
              auth: { type: 'inCluster' },
            },
          ],
        },
        {
          id: 'broken',
          listClusters: async () => Promise.reject(new Error('CMDB down')),
        },
      ],
    });
    const { clusters, skipped } = await registry.list();
    expect(clusters.map(c => [c.name, c.source, c.entityRef])).toEqual([
      ['h100-prod', 'config', 'resource:default/prod-gpu'],
      ['a100-research', 'config', 'resource:default/a100-research'],
      ['lab', 'catalog', 'resource:default/lab'],
      ['fleet-1', 'extension', undefined],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({
        name: 'gke',
        entityRef: 'resource:default/gke',
      }),
    ]);
    expect(registry.allowedCatalogHosts).toEqual(['*.lab.internal']);
    const warnings = logger.warn.mock.calls.map(c => c[0]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /Cluster "h100-prod" from catalog \(resource:default\/h100-prod\) is ignored: a cluster of that name is already defined by config/,
        ),
        expect.stringMatching(/Cluster "lab" from extension is ignored/),
        expect.stringMatching(/Cluster source broken failed: CMDB down/),
        expect.stringMatching(/invalid cluster name "bad name"/),
        expect.stringMatching(
          /Cluster "gke" is not collected: authProvider "google"/,
        ),
      ]),
    );

    // Warnings are not repeated on every listing.
    const count = logger.warn.mock.calls.length;
    await registry.list({ fresh: true });
    expect(logger.warn.mock.calls.length).toBe(count + 1); // only the failing source again
  });

  it('keeps the last catalog answer when the catalog is unavailable', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest
        .fn()
        .mockResolvedValueOnce({
          items: [
            clusterEntity('lab', {
              'kubernetes.io/api-server': 'https://kube.lab.internal',
            }),
          ],
        })
        .mockRejectedValue(new Error('catalog unavailable')),
    });
    const registry = new ClusterRegistry({
      config,
      logger: mockServices.logger.mock(),
      auth: mockServices.auth(),
      catalog,
    });
    expect((await registry.list()).clusters.map(c => c.name)).toContain('lab');
    expect(
      (await registry.list({ fresh: true })).clusters.map(c => c.name),
    ).toContain('lab');
  });
});
