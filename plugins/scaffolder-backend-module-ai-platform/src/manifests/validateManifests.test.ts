import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { formatProblem, ManifestDocument } from './types';
import { validateManifests } from './validateManifests';

function docs(file: string, ...values: unknown[]): ManifestDocument[] {
  return values.map((value, index) => ({ file, index, value }));
}

function vllmDeployment(overrides: Record<string, any> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'qwen3-32b', namespace: 'llm-serving' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'qwen3-32b' } },
      template: {
        metadata: { labels: { app: 'qwen3-32b' } },
        spec: {
          containers: [
            {
              name: 'vllm',
              image: 'vllm/vllm-openai:v0.15.1',
              args: [
                '--model',
                'Qwen/Qwen3-32B',
                '--tensor-parallel-size',
                '1',
              ],
              ports: [{ containerPort: 8000, name: 'http' }],
              resources: {
                limits: { 'nvidia.com/gpu': 1 },
                requests: { 'nvidia.com/gpu': '1', memory: '64Gi' },
              },
              volumeMounts: [{ name: 'shm', mountPath: '/dev/shm' }],
            },
          ],
          volumes: [{ name: 'shm', emptyDir: { medium: 'Memory' } }],
        },
      },
      ...overrides,
    },
  };
}

const pool = {
  apiVersion: 'inference.networking.k8s.io/v1',
  kind: 'InferencePool',
  metadata: { name: 'qwen3-32b', namespace: 'llm-serving' },
  spec: {
    selector: { matchLabels: { app: 'qwen3-32b' } },
    targetPorts: [{ number: 8000 }],
  },
};

const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'qwen3-32b', namespace: 'llm-serving' },
  spec: {
    parentRefs: [{ name: 'inference-gateway', namespace: 'llm-gateway' }],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [
          {
            group: 'inference.networking.k8s.io',
            kind: 'InferencePool',
            name: 'qwen3-32b',
          },
        ],
      },
    ],
  },
};

describe('validateManifests', () => {
  it('accepts a consistent vLLM + InferencePool + HTTPRoute set', async () => {
    const result = await validateManifests(
      docs('manifests/serving.yaml', vllmDeployment(), pool, route),
    );
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.objects).toHaveLength(3);
  });

  it('names file, document, object and JSON path of schema errors', async () => {
    const broken = vllmDeployment();
    const container = broken.spec.template.spec.containers[0] as any;
    delete container.image;
    container.resource = container.resources; // misspelled
    container.ports[0].containerPort = 70000;
    (broken.metadata as any).name = 'Qwen3_32B';
    const result = await validateManifests(
      docs('manifests/serving.yaml', pool, broken),
    );
    const lines = result.problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        'manifests/serving.yaml[1] Deployment/Qwen3_32B: spec.template.spec.containers[0].image: is required',
        expect.stringMatching(
          /^manifests\/serving\.yaml\[1\] Deployment\/Qwen3_32B: spec\.template\.spec\.containers\[0\]\.resource: is not a known field here/,
        ),
        'manifests/serving.yaml[1] Deployment/Qwen3_32B: spec.template.spec.containers[0].ports[0].containerPort: must be at most 65535 (got 70000)',
        expect.stringMatching(
          /^manifests\/serving\.yaml\[1\] Deployment\/Qwen3_32B: metadata\.name: must be a DNS-1123 subdomain .*\(got "Qwen3_32B"\)$/,
        ),
      ]),
    );
    expect(result.problems.every(p => p.documentIndex === 1)).toBe(true);
  });

  it('quotes keys that are not identifiers in paths', async () => {
    const d = vllmDeployment();
    (d.spec.template.spec.containers[0].resources.limits as any)[
      'nvidia.com/gpu'
    ] = 'one';
    const result = await validateManifests(docs('a.yaml', d));
    expect(result.problems.map(p => p.path)).toContain(
      'spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"]',
    );
    expect(result.problems[0].message).toMatch(/Kubernetes quantity/);
  });

  it('checks extended resources, volumes and selectors beyond the schema', async () => {
    const d = vllmDeployment({
      selector: { matchLabels: { app: 'qwen' } },
    });
    const c = d.spec.template.spec.containers[0] as any;
    c.resources = { requests: { 'nvidia.com/gpu': 2 }, limits: {} };
    c.volumeMounts.push({ name: 'model', mountPath: '/models' });
    const result = await validateManifests(docs('a.yaml', d, pool));
    const byPath = Object.fromEntries(
      result.problems.map(p => [p.path, p.message]),
    );
    expect(
      byPath[
        'spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"]'
      ],
    ).toMatch(/extended resource nvidia\.com\/gpu is requested/);
    expect(
      byPath['spec.template.spec.containers[0].volumeMounts[1].name'],
    ).toMatch(/volume "model", which the pod does not define/);
    expect(byPath['spec.selector.matchLabels.app']).toMatch(
      /selects app=qwen, but the pod template's labels say app=qwen3-32b/,
    );
  });

  it('resolves references to kinds the set contains', async () => {
    const badRoute = JSON.parse(JSON.stringify(route));
    badRoute.spec.rules[0].backendRefs[0].name = 'qwen3';
    const badPool = JSON.parse(JSON.stringify(pool));
    badPool.spec.selector.matchLabels = { app: 'other' };
    const result = await validateManifests(
      docs('m.yaml', vllmDeployment(), badPool, badRoute),
    );
    expect(result.problems.map(formatProblem)).toEqual([
      'm.yaml[1] InferencePool/qwen3-32b: spec.selector.matchLabels: selects app=other, which matches none of the pod templates generated in namespace llm-serving (Deployment/qwen3-32b)',
      'm.yaml[2] HTTPRoute/qwen3-32b: spec.rules[0].backendRefs[0].name: refers to InferencePool "qwen3" in namespace llm-serving, but the InferencePools generated here are "qwen3-32b"',
    ]);
  });

  it('checks gang-scheduling rules of Volcano Jobs, Kueue labels and Job pods', async () => {
    const podTemplate = (extra: Record<string, unknown> = {}) => ({
      metadata: { labels: { app: 'train' } },
      spec: {
        containers: [
          {
            name: 'trainer',
            image: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
            resources: { limits: { 'nvidia.com/gpu': 8 } },
          },
        ],
        ...extra,
      },
    });
    const volcano = {
      apiVersion: 'batch.volcano.sh/v1alpha1',
      kind: 'Job',
      metadata: { name: 'llama-ft', namespace: 'research' },
      spec: {
        schedulerName: 'volcano',
        minAvailable: 3,
        queue: 'research',
        tasks: [
          {
            name: 'worker',
            replicas: 2,
            template: podTemplate({
              restartPolicy: 'OnFailure',
              schedulerName: 'default-scheduler',
            }),
          },
        ],
      },
    };
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      // The queue label only on the pod template: Kueue would never see it.
      metadata: { name: 'llama-ft', namespace: 'team-nlp' },
      spec: {
        suspend: true,
        template: {
          ...podTemplate(),
          metadata: { labels: { 'kueue.x-k8s.io/queue-name': 'nlp-queue' } },
        },
      },
    };
    const result = await validateManifests(docs('train.yaml', volcano, job));
    expect(result.problems.map(formatProblem)).toEqual([
      'train.yaml[0] Job/llama-ft: spec.minAvailable: is 3, more than the 2 pods the tasks start; the gang could never be scheduled',
      "train.yaml[0] Job/llama-ft: spec.tasks[0].template.spec.schedulerName: is default-scheduler; a Volcano Job's pods must be scheduled by volcano for all-or-nothing start",
      "train.yaml[1] Job/llama-ft: spec.template.spec.restartPolicy: must be Never or OnFailure for a Job's pods (got nothing, which means Always)",
      'train.yaml[1] Job/llama-ft: spec.template.metadata.labels["kueue.x-k8s.io/queue-name"]: belongs on the workload\'s own metadata (the Job, JobSet or Deployment), where Kueue reads it, not on the pod template',
    ]);
  });

  it('reports unknown kinds and wrong apiVersions unless told to accept them', async () => {
    const old = { ...vllmDeployment(), apiVersion: 'apps/v1beta1' };
    const odd = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
    };
    const result = await validateManifests(docs('x.yaml', old, odd, 'text'));
    expect(result.problems.map(formatProblem)).toEqual([
      'x.yaml[0] Deployment/qwen3-32b: apiVersion: apps/v1beta1 is not a version this check knows for Deployment; use apps/v1',
      expect.stringMatching(
        /^x\.yaml\[1\] Widget\/w: kind: has no schema here \(example\.com\/v1 Widget\); known kinds: .*InferencePool/,
      ),
      'x.yaml[2]: must be an object with apiVersion, kind and metadata (got the string "text")',
    ]);
    const lenient = await validateManifests(docs('x.yaml', odd), {
      allowUnknownKinds: true,
    });
    expect(lenient.problems).toEqual([]);
  });

  it('validates catalog entities the way the catalog does', async () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'qwen3-32b-server' },
      spec: {
        type: 'model-server',
        lifecycle: 'experimental',
        owner: 'group:default/applied-ai',
        model: 'model:default/qwen3-32b',
        cluster: 'resource:default/h100-prod',
        dependsOn: ['model:default/qwen3-32b', 'resource:default/h100-prod'],
      },
    };
    const model = {
      apiVersion: 'ai-platform.dev/v1alpha1',
      kind: 'Model',
      metadata: { name: 'qwen3-32b' },
      spec: {
        type: 'llm',
        lifecycle: 'production',
        owner: 'group:default/applied-ai',
        source: { uri: 'ftp://example.com/qwen' },
      },
    };
    const noOwner = JSON.parse(JSON.stringify(component));
    delete noOwner.spec.owner;
    const result = await validateManifests(
      docs('catalog-info.yaml', component, model, noOwner),
    );
    expect(result.entities).toHaveLength(3);
    const lines = result.problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^catalog-info\.yaml\[1\] Model\/qwen3-32b: spec\.source\.uri: must use one of oci:\/\//,
        ),
        expect.stringMatching(
          /^catalog-info\.yaml\[2\] Component\/qwen3-32b-server: .*owner/,
        ),
      ]),
    );
    expect(lines.some(l => l.startsWith('catalog-info.yaml[0]'))).toBe(false);
  });

  it('accepts the real-world objects of the demo clusters for every kind it knows', async () => {
    // The kube-sim demo clusters hold objects shaped after upstream examples
    // (vLLM, KServe, InferencePool, kagent, Kueue, Volcano...). The compact
    // schemas must not reject valid objects of the kinds they cover.
    const root = path.resolve(
      __dirname,
      '../../../../packages/kube-sim/clusters',
    );
    const known = new Set([
      'apps/v1/Deployment',
      'v1/Service',
      'batch/v1/Job',
      'v1/PersistentVolumeClaim',
      'v1/ConfigMap',
      'v1/Namespace',
      'inference.networking.k8s.io/v1/InferencePool',
      'gateway.networking.k8s.io/v1/HTTPRoute',
      'serving.kserve.io/v1beta1/InferenceService',
      'kagent.dev/v1alpha2/Agent',
      'kagent.dev/v1alpha2/ModelConfig',
      'kagent.dev/v1alpha2/RemoteMCPServer',
      'kueue.x-k8s.io/v1beta2/LocalQueue',
      'batch.volcano.sh/v1alpha1/Job',
      'resource.k8s.io/v1/ResourceClaimTemplate',
      'jobset.x-k8s.io/v1alpha2/JobSet',
    ]);
    const found: ManifestDocument[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(entry.name)) {
          parseAllDocuments(fs.readFileSync(full, 'utf8')).forEach(
            (d, index) => {
              const value = d.toJS() as any;
              if (value && known.has(`${value.apiVersion}/${value.kind}`)) {
                found.push({ file: path.relative(root, full), index, value });
              }
            },
          );
        }
      }
    };
    walk(root);
    const kinds = new Set(
      found.map(d => `${(d.value as any).apiVersion}/${(d.value as any).kind}`),
    );
    // The demo data covers most kinds; the test is only meaningful if it does.
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    const result = await validateManifests(found, {});
    const schemaProblems = result.problems.filter(
      // Cross-object references span files of a whole cluster here; only
      // per-object findings say whether a schema is too strict.
      p => !/refers to|matches none of|duplicates/.test(p.message),
    );
    expect(schemaProblems.map(formatProblem)).toEqual([]);
  });
});
