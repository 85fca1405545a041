import {
  RequirementCategory,
  RequirementLevel,
} from '@ai-platform/plugin-ai-platform-common';

export const categoryLabels: Record<RequirementCategory, string> = {
  accelerators: 'Accelerators',
  networking: 'Networking',
  schedulingOrchestration: 'Scheduling and orchestration',
  observability: 'Observability',
  security: 'Security',
  operator: 'Operators',
};

const categoryOrder = Object.keys(categoryLabels);

export function categoryLabel(category: string): string {
  return categoryLabels[category as RequirementCategory] ?? category;
}

export interface RequirementGroup<T> {
  level: RequirementLevel;
  categories: { category: string; requirements: T[] }[];
}

/**
 * MUSTs first, then SHOULDs; within each, categories in the PRODUCT.yaml
 * order, requirements in the order the checklist lists them.
 */
export function groupRequirements<
  T extends { level: RequirementLevel; category: string },
>(requirements: T[]): RequirementGroup<T>[] {
  const groups: RequirementGroup<T>[] = [];
  for (const level of ['MUST', 'SHOULD'] as RequirementLevel[]) {
    const ofLevel = requirements.filter(r => r.level === level);
    if (ofLevel.length === 0) continue;
    const categories = [...new Set(ofLevel.map(r => r.category))].sort(
      (a, b) => rank(a) - rank(b) || a.localeCompare(b),
    );
    groups.push({
      level,
      categories: categories.map(category => ({
        category,
        requirements: ofLevel.filter(r => r.category === category),
      })),
    });
  }
  return groups;
}

function rank(category: string) {
  const i = categoryOrder.indexOf(category);
  return i === -1 ? categoryOrder.length : i;
}
