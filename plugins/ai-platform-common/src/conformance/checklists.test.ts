import {
  checklistVersions,
  conformanceRequirements,
  getChecklist,
  selectChecklistVersion,
} from './checklists';
import { ChecklistVersion } from './types';

const expected: Record<
  ChecklistVersion,
  { must: string[]; should: string[]; status: 'final' | 'draft' }
> = {
  '1.33': {
    status: 'final',
    must: [
      'ai_inference',
      'gang_scheduling',
      'cluster_autoscaling',
      'pod_autoscaling',
      'accelerator_metrics',
      'ai_service_metrics',
      'secure_accelerator_access',
      'robust_controller',
    ],
    should: ['dra_support'],
  },
  '1.34': {
    status: 'final',
    must: [
      'dra_support',
      'ai_inference',
      'gang_scheduling',
      'cluster_autoscaling',
      'pod_autoscaling',
      'accelerator_metrics',
      'ai_service_metrics',
      'secure_accelerator_access',
      'robust_controller',
    ],
    should: [],
  },
  '1.35': {
    status: 'final',
    must: [
      'dra_support',
      'ai_inference',
      'gang_scheduling',
      'cluster_autoscaling',
      'pod_autoscaling',
      'accelerator_metrics',
      'ai_service_metrics',
      'secure_accelerator_access',
      'robust_controller',
    ],
    should: [
      'driver_runtime_management',
      'gpu_sharing',
      'virtualized_accelerator',
    ],
  },
  '1.36': {
    status: 'final',
    must: [
      'ai_inference',
      'gang_scheduling',
      'cluster_autoscaling',
      'pod_autoscaling',
      'accelerator_metrics',
      'ai_service_metrics',
      'secure_accelerator_access',
      'robust_controller',
    ],
    should: [
      'driver_runtime_management',
      'gpu_sharing',
      'virtualized_accelerator',
      'advanced_inference_ingress',
      'high_performance_networking',
      'disaggregated_inference',
    ],
  },
  '1.37': {
    status: 'draft',
    must: [
      'ai_inference',
      'gang_scheduling',
      'cluster_autoscaling',
      'pod_autoscaling',
      'accelerator_metrics',
      'ai_service_metrics',
      'secure_accelerator_access',
      'robust_controller',
    ],
    should: [
      'driver_runtime_management',
      'gpu_sharing',
      'virtualized_accelerator',
      'advanced_inference_ingress',
      'high_performance_networking',
      'disaggregated_inference',
      'workload_sandboxing',
    ],
  },
};

const totals: Record<ChecklistVersion, [number, number, number]> = {
  '1.33': [9, 8, 1],
  '1.34': [9, 9, 0],
  '1.35': [12, 9, 3],
  '1.36': [14, 8, 6],
  '1.37': [15, 8, 7],
};

describe('checklists', () => {
  it('ships the five versions, oldest first', () => {
    expect(checklistVersions).toEqual(['1.33', '1.34', '1.35', '1.36', '1.37']);
  });

  it.each(checklistVersions.map(v => [v]))(
    'checklist %s has the program totals and ids',
    version => {
      const checklist = getChecklist(version);
      const [total, must, should] = totals[version];
      expect(checklist.requirements).toHaveLength(total);
      const byLevel = (level: string) =>
        checklist.requirements
          .filter(r => r.level === level)
          .map(r => r.id)
          .sort();
      expect(byLevel('MUST')).toHaveLength(must);
      expect(byLevel('SHOULD')).toHaveLength(should);
      expect(byLevel('MUST')).toEqual([...expected[version].must].sort());
      expect(byLevel('SHOULD')).toEqual([...expected[version].should].sort());
      expect(checklist.status).toBe(expected[version].status);
      expect(checklist.source?.url).toBe(
        version === '1.37'
          ? 'https://github.com/cncf/k8s-ai-conformance/blob/287b44f07bb56bc916f6e2191359d44408a65a84/docs/AIConformance-1.37.yaml'
          : `https://github.com/cncf/k8s-ai-conformance/blob/main/docs/AIConformance-${version}.yaml`,
      );
    },
  );

  it('maps KAR numbers per requirement and none for ai_inference', () => {
    const kars = Object.fromEntries(
      conformanceRequirements.map(r => [r.id, r.kar]),
    );
    expect(kars).toEqual({
      dra_support: 'KAR-0051',
      driver_runtime_management: 'KAR-0001',
      gpu_sharing: 'KAR-0003',
      virtualized_accelerator: 'KAR-0004',
      ai_inference: undefined,
      advanced_inference_ingress: 'KAR-0011',
      high_performance_networking: 'KAR-0010',
      disaggregated_inference: 'KAR-0041',
      gang_scheduling: 'KAR-0053',
      cluster_autoscaling: 'KAR-0055',
      pod_autoscaling: 'KAR-0057',
      accelerator_metrics: 'KAR-0059',
      ai_service_metrics: 'KAR-0061',
      secure_accelerator_access: 'KAR-0049',
      workload_sandboxing: 'KAR-0020',
      robust_controller: 'KAR-0063',
    });
  });

  it('links every requirement to the checklist files of its versions', () => {
    for (const r of conformanceRequirements) {
      const urls = r.sources.map(s => s.url);
      for (const v of checklistVersions.filter(x => r.levels[x])) {
        expect(urls.some(u => u.endsWith(`AIConformance-${v}.yaml`))).toBe(
          true,
        );
      }
      expect(r.signals.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(40);
    }
  });

  it('links every requirement with a KAR to its folder in kubernetes-sigs/ai-conformance', () => {
    const withKar = conformanceRequirements.filter(r => r.kar);
    expect(withKar).toHaveLength(15);
    for (const r of withKar) {
      const number = r.kar!.replace('KAR-', '');
      expect(
        r.sources.some(s =>
          s.url.startsWith(
            `https://github.com/kubernetes-sigs/ai-conformance/tree/main/kars/${number}-`,
          ),
        ),
      ).toBe(true);
    }
  });

  it('uses only the PRODUCT.yaml category names', () => {
    const categories = new Set(conformanceRequirements.map(r => r.category));
    expect([...categories].sort()).toEqual([
      'accelerators',
      'networking',
      'observability',
      'operator',
      'schedulingOrchestration',
      'security',
    ]);
  });

  it('rejects an unknown version in getChecklist', () => {
    expect(() => getChecklist('1.32' as ChecklistVersion)).toThrow(
      /allowed: 1.33, 1.34, 1.35, 1.36, 1.37/,
    );
  });
});

describe('selectChecklistVersion', () => {
  it.each([
    [33, '1.33'],
    [34, '1.34'],
    [35, '1.35'],
    [36, '1.36'],
  ])('follows the cluster minor %s', (minor, version) => {
    expect(selectChecklistVersion(minor)).toEqual({ version });
  });

  it('uses the 1.37 draft for a 1.37 cluster and says it is a draft', () => {
    const selected = selectChecklistVersion(37);
    expect(selected.version).toBe('1.37');
    expect(selected.note).toMatch(/draft/);
  });

  it('gives newer clusters the newest checklist', () => {
    const selected = selectChecklistVersion(40);
    expect(selected.version).toBe('1.37');
    expect(selected.note).toMatch(/1\.40/);
  });

  it('gives clusters older than 1.33 the 1.33 checklist with a note', () => {
    const selected = selectChecklistVersion(30);
    expect(selected.version).toBe('1.33');
    expect(selected.note).toMatch(/older/);
  });

  it('falls back to the newest final checklist when the version is unknown', () => {
    const selected = selectChecklistVersion(undefined);
    expect(selected.version).toBe('1.36');
    expect(selected.note).toMatch(/unknown/);
  });

  it('lets a valid override win', () => {
    expect(selectChecklistVersion(33, '1.35')).toEqual({ version: '1.35' });
  });

  it('rejects an invalid override naming the allowed versions', () => {
    expect(() => selectChecklistVersion(33, '1.32')).toThrow(
      "Unknown checklist version '1.32'; allowed: 1.33, 1.34, 1.35, 1.36, 1.37",
    );
    expect(() => selectChecklistVersion(33, '1.32')).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});
