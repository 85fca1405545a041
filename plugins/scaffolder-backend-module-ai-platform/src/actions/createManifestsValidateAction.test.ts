import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { createManifestsValidateAction } from './createManifestsValidateAction';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
  namespace: llm-serving
spec:
  selector:
    matchLabels: {app: chat}
  template:
    metadata:
      labels: {app: chat}
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.15.1
          resources:
            limits: {nvidia.com/gpu: 1}
`;

const pool = `apiVersion: inference.networking.k8s.io/v1
kind: InferencePool
metadata:
  name: chat
  namespace: llm-serving
spec:
  selector:
    matchLabels: {app: chat}
  targetPorts: [{number: 8000}]
`;

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: chat
spec:
  type: model-server
  lifecycle: experimental
  owner: group:default/applied-ai
  cluster: resource:default/h100-prod
`;

describe('ai-platform:manifests:validate', () => {
  const dir = createMockDirectory();
  const action = createManifestsValidateAction();

  async function run(input: JsonObject) {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input,
      workspacePath: dir.path,
      logger,
    });
    await action.handler(ctx as any);
    return {
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
      logger,
    };
  }

  it('passes valid manifests and catalog entities and says what it checked', async () => {
    dir.setContent({
      'manifests/serving.yaml': `${deployment}---\n${pool}---\n`,
      'catalog-info.yaml': catalogInfo,
      'README.md': '# chat',
    });
    const { outputs, logger } = await run({
      paths: ['manifests', 'catalog-info.yaml'],
    });
    expect(outputs).toEqual({
      objects: 2,
      entities: 1,
      files: ['manifests/serving.yaml', 'catalog-info.yaml'],
      kinds: [
        'apps/v1/Deployment',
        'backstage.io/v1alpha1/Component',
        'inference.networking.k8s.io/v1/InferencePool',
      ],
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Validated 2 Kubernetes object\(s\) and 1 catalog entity in 2 file\(s\)/,
      ),
    );
  });

  it('fails the step with every problem: file, document, object and field', async () => {
    dir.setContent({
      'manifests/serving.yaml': `${deployment.replace(
        'image: vllm/vllm-openai:v0.15.1',
        'imag: vllm',
      )}---\n${pool.replace('{number: 8000}', '{number: 0}')}`,
      'manifests/broken.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n',
    });
    const failure = run({ paths: ['manifests'] });
    await expect(failure).rejects.toThrow(
      /^4 problems in the generated manifests:\n/,
    );
    await expect(failure).rejects.toThrow(
      /manifests\/broken\.yaml\[0\]: YAML syntax error at line \d+, column \d+/,
    );
    await expect(failure).rejects.toThrow(
      'manifests/serving.yaml[0] Deployment/chat: spec.template.spec.containers[0].imag: is not a known field here (spec.template.spec.containers[0]); check the spelling and the indentation',
    );
    await expect(failure).rejects.toThrow(
      'manifests/serving.yaml[0] Deployment/chat: spec.template.spec.containers[0].image: is required',
    );
    await expect(failure).rejects.toThrow(
      'manifests/serving.yaml[1] InferencePool/chat: spec.targetPorts[0].number: must be at least 1 (got 0)',
    );
  });

  it('refuses paths outside the workspace and empty selections', async () => {
    dir.setContent({ 'README.md': '# nothing' });
    await expect(run({ paths: ['../etc'] })).rejects.toThrow(
      /outside|Relative path is not allowed|not allowed/i,
    );
    await expect(run({ paths: ['missing'] })).rejects.toThrow(
      'Nothing to validate at missing: no such file or folder in the workspace',
    );
    await expect(run({})).rejects.toThrow(
      'No Kubernetes objects or catalog entities found in .',
    );
  });
});
