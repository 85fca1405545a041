import { groupRequirements } from './groupRequirements';

describe('groupRequirements', () => {
  it('puts MUSTs before SHOULDs and orders categories as PRODUCT.yaml does', () => {
    const groups = groupRequirements([
      { id: 'metrics', level: 'SHOULD' as const, category: 'observability' },
      {
        id: 'gang',
        level: 'MUST' as const,
        category: 'schedulingOrchestration',
      },
      { id: 'dra', level: 'MUST' as const, category: 'accelerators' },
      { id: 'gpu-sharing', level: 'MUST' as const, category: 'accelerators' },
      { id: 'custom', level: 'MUST' as const, category: 'zz-new' },
    ]);
    expect(
      groups.map(g => [
        g.level,
        g.categories.map(c => [c.category, c.requirements.map(r => r.id)]),
      ]),
    ).toEqual([
      [
        'MUST',
        [
          ['accelerators', ['dra', 'gpu-sharing']],
          ['schedulingOrchestration', ['gang']],
          ['zz-new', ['custom']],
        ],
      ],
      ['SHOULD', [['observability', ['metrics']]]],
    ]);
  });

  it('leaves out a level without requirements', () => {
    expect(groupRequirements([]).length).toBe(0);
  });
});
