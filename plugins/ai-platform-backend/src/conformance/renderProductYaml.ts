import {
  Checklist,
  RequirementCategory,
  RequirementResult,
  Scorecard,
  Verdict,
} from '@ai-platform/plugin-ai-platform-common';
import { Document, isMap, isScalar, isSeq, YAMLMap, YAMLSeq } from 'yaml';

/** The only status values the program's validator accepts. */
export const PRODUCT_STATUSES = [
  'Implemented',
  'Partially Implemented',
  'Not Implemented',
  'N/A',
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

const CATEGORY_ORDER: RequirementCategory[] = [
  'accelerators',
  'networking',
  'schedulingOrchestration',
  'observability',
  'security',
  'operator',
];

/**
 * Our verdict as a PRODUCT.yaml status. `unknown` becomes `Not Implemented`:
 * what could not be assessed must never be claimed, and the validator only
 * accepts the four values; the note says it was not assessed so the person
 * filling the file checks it.
 */
export function productStatus(verdict: Verdict): ProductStatus {
  switch (verdict) {
    case 'pass':
      return 'Implemented';
    case 'partial':
      return 'Partially Implemented';
    case 'not-applicable':
      return 'N/A';
    case 'fail':
    case 'unknown':
    default:
      return 'Not Implemented';
  }
}

function fill(what: string): string {
  return `<fill in: ${what}>`;
}

const METADATA: [string, string, string][] = [
  [
    'platformName',
    'product name',
    'The product being certified, e.g. "Acme Kubernetes Service".',
  ],
  [
    'platformVersion',
    'product version',
    'The product version, not the Kubernetes version.',
  ],
  [
    'vendorName',
    'vendor name',
    'Must exactly match a CNCF member name in landscape.yml.',
  ],
  ['websiteUrl', 'https:// product website', 'Public product page.'],
  [
    'repoUrl',
    'https:// source repository (optional)',
    'Optional: delete the line if there is none.',
  ],
  [
    'documentationUrl',
    'https:// product documentation',
    'Public documentation of the product.',
  ],
  ['productLogoUrl', 'https:// logo (SVG)', 'Public URL of the product logo.'],
  [
    'description',
    'one-paragraph product description',
    'Shown on the certified products list.',
  ],
  [
    'contactEmailAddress',
    'contact email',
    'Who the CNCF contacts about this certification.',
  ],
  [
    'k8sConformanceUrl',
    'https://github.com/cncf/k8s-conformance/tree/master/vX.Y/<product>',
    'Required from 1.35: the product must be Kubernetes-conformant first; the validator checks the pattern and that the URL is reachable.',
  ],
];

function kubernetesMinor(gitVersion: string | undefined): string | undefined {
  const m = gitVersion ? /^v?(\d+)\.(\d+)/.exec(gitVersion) : null;
  return m ? `v${m[1]}.${m[2]}` : undefined;
}

function notesFor(
  r: RequirementResult | undefined,
  status: ProductStatus,
  date: string,
): string {
  if (!r) {
    return 'Not assessed by the scan: no result for this requirement. Check by hand before submitting.';
  }
  const seen = r.evidence
    .filter(e => e.supports)
    .slice(0, 5)
    .map(e => e.summary);
  const against = r.evidence
    .filter(e => !e.supports)
    .slice(0, 3)
    .map(e => e.summary);
  const parts: string[] = [];
  if (r.verdict === 'unknown') {
    parts.push(
      `Could not be assessed by the read-only scan of ${date}: ${r.reason}. Marked Not Implemented until checked by hand; do not claim it without evidence.`,
    );
  } else if (status === 'N/A') {
    parts.push(
      `Justification (from the read-only scan of ${date}): ${r.reason}.`,
    );
  } else {
    parts.push(`Read-only scan of ${date}: ${r.reason}.`);
  }
  if (seen.length) parts.push(`Seen: ${seen.join('; ')}.`);
  if (against.length) parts.push(`Against: ${against.join('; ')}.`);
  if (r.cannotProve) parts.push(`Not provable read-only: ${r.cannotProve}`);
  return parts.join(' ');
}

/**
 * A draft PRODUCT.yaml (the program's self-assessment format) from a
 * scorecard: metadata placeholders to fill in, and every requirement of the
 * checklist version under its category with a status from our verdict,
 * evidence placeholders (the program wants public URLs or files, which a
 * scan cannot produce) and our findings in `notes`.
 *
 * `requirements` are the checklist's requirements (getChecklist(v).requirements);
 * requirements added by extensions are not part of the program and are left out.
 */
export function renderProductYaml(
  scorecard: Scorecard,
  requirements: Checklist['requirements'],
): string {
  const date = scorecard.snapshotCollectedAt.slice(0, 10);
  const results = new Map(scorecard.requirements.map(r => [r.id, r]));
  const k8s = kubernetesMinor(scorecard.kubernetesVersion);

  const metadata: Record<string, string> = {
    kubernetesVersion: k8s ?? fill('vX.Y of the product'),
  };
  for (const [key, placeholder] of METADATA) metadata[key] = fill(placeholder);

  const spec: Record<string, unknown[]> = {};
  const ordered = CATEGORY_ORDER.map(c =>
    requirements.filter(r => r.category === c),
  );
  for (const [i, category] of CATEGORY_ORDER.entries()) {
    if (!ordered[i].length) continue;
    spec[category] = ordered[i].map(req => {
      const r = results.get(req.id);
      const status = r ? productStatus(r.verdict) : 'Not Implemented';
      return {
        id: req.id,
        description: req.description,
        level: req.level,
        status,
        evidence: [
          fill(
            `public URL or file (e.g. ${req.id}.md next to this file)${
              req.officialTest && !req.officialTest.includes(' ')
                ? `; or file://v${scorecard.checklistVersion}/<product>/junit.xml#${req.officialTest}`
                : ''
            } showing ${req.id}`,
          ),
        ],
        notes: notesFor(r, status, date),
      };
    });
  }

  const doc = new Document({ metadata, spec });
  doc.commentBefore = [
    ` Draft PRODUCT.yaml for the CNCF Kubernetes AI Conformance program (cncf/k8s-ai-conformance),`,
    ` generated by AI Platform for Backstage from a read-only scan of cluster "${scorecard.cluster}"`,
    ` (snapshot ${scorecard.snapshotCollectedAt}) against checklist ${scorecard.checklistVersion} (${scorecard.checklistStatus}).`,
    ` Readiness: ${scorecard.summary.readiness} - ${scorecard.summary.readinessReason}.`,
    ` This is a starting point, not a submission:`,
    `  - replace every "<fill in: ...>" value;`,
    `  - replace each description with the verbatim text of docs/AIConformance-${scorecard.checklistVersion}.yaml`,
    `    (the validator compares id, description and level with it; we do not ship that text);`,
    `  - link public evidence (URLs or files in the product folder) and run the program's active tests;`,
    `  - statuses come from read-only evidence: the validator requires every MUST to be Implemented,`,
    `    and N/A needs a justification in notes.`,
  ].join('\n');

  const metaNode = doc.get('metadata', true);
  if (isMap(metaNode)) {
    const k8sNode = metaNode.get('kubernetesVersion', true);
    if (isScalar(k8sNode)) {
      k8sNode.comment =
        k8s && k8s !== `v${scorecard.checklistVersion}`
          ? ` from the cluster; the checklist used is ${scorecard.checklistVersion}: submit under v${scorecard.checklistVersion}/ only for a ${scorecard.checklistVersion} product`
          : ' from the cluster';
    }
    for (const [key, , comment] of METADATA) {
      const node = metaNode.get(key, true);
      if (isScalar(node)) node.comment = ` ${comment}`;
    }
  }
  const specNode = doc.get('spec', true);
  if (isMap(specNode)) {
    for (const pair of (specNode as YAMLMap).items) {
      const seq = pair.value;
      if (!isSeq(seq)) continue;
      for (const item of (seq as YAMLSeq).items) {
        if (!isMap(item)) continue;
        const id = String(item.get('id'));
        const r = results.get(id);
        const description = item.get('description', true);
        if (isScalar(description)) {
          description.comment = ` our words; replace with the verbatim description from docs/AIConformance-${scorecard.checklistVersion}.yaml`;
        }
        const status = item.get('status', true);
        const level = item.get('level');
        if (
          isScalar(status) &&
          level === 'MUST' &&
          status.value !== 'Implemented'
        ) {
          status.comment =
            status.value === 'N/A'
              ? ' the FAQ allows N/A for a MUST with a justification, but the validator expects Implemented'
              : ' the validator requires Implemented for every MUST';
        }
        if (r?.verdict === 'unknown' && isScalar(status)) {
          status.comment = ` could not be assessed: check by hand${
            status.comment ? `;${status.comment}` : ''
          }`;
        }
        if (r?.cannotProve && r.limitedByReadOnly) {
          item.commentBefore = ` ${id}: as far as read-only evidence goes; the program's active test settles it`;
        }
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}
