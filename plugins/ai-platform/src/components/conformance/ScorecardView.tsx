import { useState } from 'react';
import {
  ChecklistVersion,
  Scorecard,
} from '@ai-platform/plugin-ai-platform-common';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExpandMore from '@mui/icons-material/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import { Loadable } from '../shared/Loadable';
import { Section } from '../shared/Section';
import { ReadinessBadge, VerdictBadge, verdictLabels } from '../shared/badges';
import { formatAge, formatDateTime } from '../shared/format';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { ChecklistSelect } from './ChecklistSelect';
import { ClusterHistory } from './ClusterHistory';
import { RequirementEvidence } from './EvidenceList';
import { categoryLabel, groupRequirements } from './groupRequirements';
import { ProductYamlButton } from './ProductYamlButton';

function ScorecardBody(props: { scorecard: Scorecard }) {
  const { scorecard: s } = props;
  const groups = groupRequirements(s.requirements);
  return (
    <Stack spacing={2}>
      {s.stale && (
        <Alert severity="warning">
          The last collection failed. This scorecard is from the last good
          snapshot, collected {formatAge(s.snapshotCollectedAt)}.
        </Alert>
      )}
      {s.checklistStatus === 'draft' && (
        <Alert severity="info">
          Checklist {s.checklistVersion} is a draft: its requirements may still
          change.
        </Alert>
      )}
      {s.checklistNote && (
        <Typography variant="body2">{s.checklistNote}</Typography>
      )}
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        alignItems={{ sm: 'center' }}
      >
        <Typography component="p" sx={{ fontWeight: 500 }}>
          MUSTs passed {s.summary.must.pass} of {s.summary.must.total}
        </Typography>
        <Typography component="p">
          SHOULDs passed {s.summary.should.pass} of {s.summary.should.total}
        </Typography>
        <ReadinessBadge readiness={s.summary.readiness} />
      </Stack>
      <Typography variant="body2">{s.summary.readinessReason}</Typography>
      <Typography variant="caption" color="text.secondary">
        Checklist {s.checklistVersion}, Kubernetes{' '}
        {s.kubernetesVersion ?? 'unknown'}, evaluated{' '}
        <span title={formatDateTime(s.evaluatedAt)}>
          {formatAge(s.evaluatedAt)}
        </span>
        .
      </Typography>
      {groups.map(group => (
        <div key={group.level}>
          <Typography variant="h6" component="h3">
            {group.level} requirements
          </Typography>
          {group.categories.map(cat => (
            <div key={cat.category}>
              <Typography
                variant="subtitle2"
                component="h4"
                sx={{ mt: 1, mb: 0.5 }}
              >
                {categoryLabel(cat.category)}
              </Typography>
              {cat.requirements.map(r => (
                <Accordion
                  key={r.id}
                  disableGutters
                  slotProps={{ transition: { unmountOnExit: true } }}
                >
                  <AccordionSummary expandIcon={<ExpandMore />}>
                    <Stack
                      direction="row"
                      spacing={1}
                      alignItems="center"
                      sx={{ flexWrap: 'wrap' }}
                    >
                      <VerdictBadge verdict={r.verdict} />
                      {r.lastKnownVerdict && (
                        <Typography component="span" variant="caption">
                          was {verdictLabels[r.lastKnownVerdict]}
                        </Typography>
                      )}
                      <Typography component="span" sx={{ fontWeight: 500 }}>
                        {r.title}
                      </Typography>
                      <Typography
                        component="span"
                        variant="caption"
                        color="text.secondary"
                      >
                        {r.kar ?? 'no KAR'} · {r.id}
                      </Typography>
                    </Stack>
                  </AccordionSummary>
                  <AccordionDetails>
                    <RequirementEvidence
                      result={r}
                      label={`Evidence for ${r.id}`}
                    />
                  </AccordionDetails>
                </Accordion>
              ))}
            </div>
          ))}
        </div>
      ))}
    </Stack>
  );
}

/** One cluster's scorecard: readiness, every requirement with its evidence, history. */
export function ScorecardView(props: { cluster: string }) {
  const api = useAiPlatformApi();
  const [version, setVersion] = useState<ChecklistVersion | undefined>();
  const checklists = useAsync(() => api.listChecklists(), [api]);
  const scorecard = useAsync(
    () => api.getScorecard(props.cluster, { checklistVersion: version }),
    [api, props.cluster, version],
  );
  const shown = version ?? scorecard.value?.checklistVersion;
  return (
    <>
      <Section
        title={`AI conformance of ${props.cluster}`}
        actions={
          <Stack direction="row" spacing={1} alignItems="center">
            {checklists.value && (
              <ChecklistSelect
                checklists={checklists.value.items}
                value={shown}
                onChange={setVersion}
              />
            )}
            <ProductYamlButton
              cluster={props.cluster}
              checklistVersion={shown}
            />
          </Stack>
        }
      >
        <Loadable
          state={scorecard}
          errorTitle={`Could not load the scorecard of ${props.cluster}`}
        >
          {s => <ScorecardBody scorecard={s} />}
        </Loadable>
      </Section>
      <Section title="Verdict history">
        <ClusterHistory cluster={props.cluster} />
      </Section>
    </>
  );
}
