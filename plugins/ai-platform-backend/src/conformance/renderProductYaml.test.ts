import { getChecklist } from '@ai-platform/plugin-ai-platform-common';
import { parse, parseDocument } from 'yaml';
import { evaluateScorecard } from './evaluateScorecard';
import {
  PRODUCT_STATUSES,
  productStatus,
  renderProductYaml,
} from './renderProductYaml';
import { cluster, forbid, h100Node, workload } from './__testUtils__/snapshots';

function render(
  version?: string,
  mutate?: (s: ReturnType<typeof cluster>) => void,
) {
  const s = cluster(35);
  s.nodes.push(h100Node('gpu-1'));
  workload(s, 'DaemonSet', 'gpu-operator', 'nvidia-device-plugin-daemonset');
  mutate?.(s);
  const scorecard = evaluateScorecard(s, {
    stale: false,
    ...(version ? { checklistVersion: version } : {}),
  });
  const text = renderProductYaml(
    scorecard,
    getChecklist(scorecard.checklistVersion).requirements,
  );
  return { scorecard, text, doc: parse(text) };
}

const items = (doc: any): any[] =>
  Object.values(doc.spec as Record<string, any[]>).flat();

describe('productStatus', () => {
  it.each([
    ['pass', 'Implemented'],
    ['partial', 'Partially Implemented'],
    ['fail', 'Not Implemented'],
    ['not-applicable', 'N/A'],
    ['unknown', 'Not Implemented'],
  ] as const)('maps %s to %s', (verdict, status) => {
    expect(productStatus(verdict)).toBe(status);
  });
});

describe('renderProductYaml', () => {
  it.each(['1.33', '1.34', '1.35', '1.36', '1.37'])(
    'lists every requirement id of %s under its category',
    version => {
      const { doc } = render(version);
      const checklist = getChecklist(version as any);
      expect(
        items(doc)
          .map(i => i.id)
          .sort(),
      ).toEqual(checklist.requirements.map(r => r.id).sort());
      for (const r of checklist.requirements) {
        expect(doc.spec[r.category].map((i: any) => i.id)).toContain(r.id);
      }
    },
  );

  it('uses only the four allowed statuses and writes notes wherever the status is not Implemented', () => {
    const { doc } = render();
    for (const item of items(doc)) {
      expect(PRODUCT_STATUSES).toContain(item.status);
      expect(['MUST', 'SHOULD']).toContain(item.level);
      expect(item.evidence).toEqual([expect.stringMatching(/^<fill in: /)]);
    }
    const notImplemented = items(doc).filter(i => i.status !== 'Implemented');
    expect(notImplemented.length).toBeGreaterThan(5);
    for (const item of notImplemented) {
      expect(typeof item.notes).toBe('string');
      expect(item.notes.length).toBeGreaterThan(20);
    }
  });

  it('justifies N/A in notes and puts our findings in notes', () => {
    const { doc } = render();
    const autoscaling = items(doc).find(i => i.id === 'cluster_autoscaling');
    expect(autoscaling.status).toBe('N/A');
    expect(autoscaling.notes).toMatch(
      /^Justification \(from the read-only scan of 2026-11-21\): Not applicable: no autoscaler found/,
    );
    const secure = items(doc).find(i => i.id === 'secure_accelerator_access');
    expect(secure.status).toBe('Partially Implemented');
    expect(secure.notes).toMatch(
      /Not provable read-only: Only the active test TestSecureAcceleratorAccess/,
    );
    expect(secure.evidence[0]).toMatch(
      /file:\/\/v1.35\/<product>\/junit.xml#TestSecureAcceleratorAccess/,
    );
  });

  it('never claims what could not be assessed', () => {
    const { doc, text } = render('1.35', s => forbid(s, 'crds'));
    const robust = items(doc).find(i => i.id === 'robust_controller');
    expect(robust.status).toBe('Not Implemented');
    expect(robust.notes).toMatch(
      /^Could not be assessed by the read-only scan of 2026-11-21: Could not read the CRDs: crds \(forbidden 403/,
    );
    expect(text).toMatch(
      /status: Not Implemented # could not be assessed: check by hand; the validator requires Implemented for every MUST/,
    );
  });

  it('fills metadata with the cluster version and clearly marked placeholders', () => {
    const { doc, text } = render();
    expect(doc.metadata.kubernetesVersion).toBe('v1.35');
    for (const key of [
      'platformName',
      'platformVersion',
      'vendorName',
      'websiteUrl',
      'documentationUrl',
      'productLogoUrl',
      'description',
      'contactEmailAddress',
      'k8sConformanceUrl',
    ]) {
      expect(doc.metadata[key]).toMatch(/^<fill in: .+>$/);
    }
    expect(text).toMatch(
      /vendorName: "<fill in: vendor name>" # Must exactly match a CNCF member name in landscape.yml\./,
    );
    expect(text).toMatch(
      /description: .* # our words; replace with the verbatim description from docs\/AIConformance-1.35.yaml/,
    );
    expect(text.split('\n')[0]).toMatch(
      /^# Draft PRODUCT.yaml for the CNCF Kubernetes AI Conformance program/,
    );
  });

  it('says when the checklist differs from the cluster version', () => {
    const { text } = render('1.36');
    expect(text).toMatch(
      /kubernetesVersion: v1.35 # from the cluster; the checklist used is 1.36/,
    );
  });

  it('round-trips as YAML with the comments attached', () => {
    const { text } = render();
    const doc = parseDocument(text);
    expect(doc.errors).toEqual([]);
    expect(doc.toString({ lineWidth: 0 })).toBe(text);
  });
});
