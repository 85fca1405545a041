import { KubeSim, startKubeSim } from '../sim';
import { smallCluster } from '../testing/fixtures';
import { request } from '../testing/httpClient';

let sim: KubeSim;
let base: string;
const RESTRICTED = 'restricted-token';
const USER = 'system:serviceaccount:backstage:ai-platform';

beforeEach(async () => {
  sim = await startKubeSim({
    clusters: [
      {
        name: 'secure',
        token: 'main-token',
        objects: smallCluster(),
        restrictedTokens: [
          {
            token: RESTRICTED,
            forbid: ['pods', 'resourceslices.resource.k8s.io'],
            user: USER,
          },
          { token: 'nothing', forbid: ['*'] },
        ],
      },
    ],
  });
  base = sim.cluster('secure').url;
});

afterEach(async () => {
  await sim.stop();
});

const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

describe('authentication', () => {
  it('answers 401 without a token', async () => {
    const res = await request(`${base}/api/v1/nodes`);
    expect(res.status).toBe(401);
    expect(res.json()).toEqual(UNAUTHORIZED);
    expect((await request(`${base}/apis`)).status).toBe(401);
  });

  it('answers 401 with a wrong token or another scheme', async () => {
    const res = await request(`${base}/api/v1/nodes`, { token: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual(UNAUTHORIZED);
    const basic = await request(`${base}/api/v1/nodes`, {
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.status).toBe(401);
    // A wrong token is rejected even on public endpoints.
    expect((await request(`${base}/version`, { token: 'wrong' })).status).toBe(
      401,
    );
  });

  it('accepts the cluster token and keeps health and version public', async () => {
    expect(
      (await request(`${base}/api/v1/nodes`, { token: 'main-token' })).status,
    ).toBe(200);
    const health = await request(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.body).toBe('ok');
    expect((await request(`${base}/livez`)).body).toBe('ok');
    expect((await request(`${base}/readyz`)).body).toBe('ok');
    expect((await request(`${base}/version`)).json().gitVersion).toMatch(
      /^v1\./,
    );
  });

  it('gives each cluster its own random token by default', async () => {
    await sim.addCluster({ name: 'other' });
    const other = sim.cluster('other');
    expect(other.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(other.token).not.toBe('main-token');
    expect(
      (await request(`${other.url}/api/v1/nodes`, { token: 'main-token' }))
        .status,
    ).toBe(401);
    expect(
      (await request(`${other.url}/api/v1/nodes`, { token: other.token }))
        .status,
    ).toBe(200);
  });
});

describe('restricted tokens', () => {
  it('answers 403 with the real Forbidden message at cluster scope', async () => {
    const res = await request(`${base}/api/v1/pods`, { token: RESTRICTED });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `pods is forbidden: User "${USER}" cannot list resource "pods" in API group "" at the cluster scope`,
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
  });

  it('names namespace, object, verb and group in the message', async () => {
    const get = await request(`${base}/api/v1/namespaces/ml/pods/train-0`, {
      token: RESTRICTED,
    });
    expect(get.json().message).toBe(
      `pods "train-0" is forbidden: User "${USER}" cannot get resource "pods" in API group "" in the namespace "ml"`,
    );
    expect(get.json().details).toEqual({ name: 'train-0', kind: 'pods' });
    const watch = await request(`${base}/api/v1/namespaces/ml/pods?watch=1`, {
      token: RESTRICTED,
    });
    expect(watch.json().message).toMatch(/cannot watch resource "pods"/);
    const slices = await request(
      `${base}/apis/resource.k8s.io/v1/resourceslices`,
      { token: RESTRICTED },
    );
    expect(slices.json().message).toBe(
      `resourceslices.resource.k8s.io is forbidden: User "${USER}" cannot list resource "resourceslices" in API group "resource.k8s.io" at the cluster scope`,
    );
    expect(slices.json().details).toEqual({
      group: 'resource.k8s.io',
      kind: 'resourceslices',
    });
  });

  it('allows everything else, including discovery', async () => {
    expect(
      (await request(`${base}/api/v1/nodes`, { token: RESTRICTED })).status,
    ).toBe(200);
    expect((await request(`${base}/apis`, { token: RESTRICTED })).status).toBe(
      200,
    );
    expect(
      (await request(`${base}/api/v1/nodes`, { token: 'nothing' })).status,
    ).toBe(403);
    expect((await request(`${base}/api/v1`, { token: 'nothing' })).status).toBe(
      200,
    );
  });

  it('answers SelfSubjectAccessReviews from the restrictions', async () => {
    const review = (resource: string, group = '') =>
      request(`${base}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
        method: 'POST',
        token: RESTRICTED,
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb: 'list', resource, group } },
        },
      });
    const pods = await review('pods');
    expect(pods.status).toBe(201);
    expect(pods.json().status).toEqual({ allowed: false });
    expect((await review('nodes')).json().status).toEqual({ allowed: true });
    expect(
      (await review('resourceslices', 'resource.k8s.io')).json().status.allowed,
    ).toBe(false);
  });

  it('keeps restricted tokens out of the admin endpoint', async () => {
    expect(
      (await request(`${base}/_sim/faults`, { token: RESTRICTED })).status,
    ).toBe(401);
    expect(
      (await request(`${base}/_sim/faults`, { token: 'main-token' })).status,
    ).toBe(200);
  });
});
