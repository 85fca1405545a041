import { Fragment } from 'react';
import {
  ConformanceMatrix,
  Verdict,
} from '@ai-platform/plugin-ai-platform-common';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ReadinessBadge, StaleBadge, VerdictBadge } from '../shared/badges';
import { categoryLabel, groupRequirements } from './groupRequirements';
import { ProductYamlButton } from './ProductYamlButton';

const stickyCell = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  bgcolor: 'background.paper',
  minWidth: 260,
  maxWidth: 360,
} as const;

/**
 * Requirements down, clusters across, grouped by MUST/SHOULD and category.
 * The requirement column stays in view while scrolling across many clusters.
 */
export function ConformanceMatrixTable(props: {
  matrix: ConformanceMatrix;
  onOpenRequirement: (id: string) => void;
  onSelectCluster: (cluster: string) => void;
}) {
  const { matrix } = props;
  const groups = groupRequirements(matrix.requirements);
  const span = matrix.clusters.length + 1;
  return (
    <TableContainer>
      <Table
        size="small"
        aria-label={`Conformance matrix, checklist ${matrix.checklistVersion}`}
      >
        <TableHead>
          <TableRow>
            <TableCell sx={{ ...stickyCell, zIndex: 2 }}>Requirement</TableCell>
            {matrix.clusters.map(c => (
              <TableCell
                key={c.cluster}
                scope="col"
                sx={{ verticalAlign: 'top', minWidth: 150 }}
              >
                <Stack spacing={0.5} alignItems="flex-start">
                  <Link
                    component="button"
                    type="button"
                    onClick={() => props.onSelectCluster(c.cluster)}
                    aria-label={`History and PRODUCT.yaml of ${c.cluster}`}
                    sx={{ fontWeight: 600, textAlign: 'left' }}
                  >
                    {c.cluster}
                  </Link>
                  <Typography variant="caption" component="span">
                    MUSTs passed {c.must.pass} of {c.must.total}
                  </Typography>
                  <Stack direction="row" spacing={0.5} alignItems="center">
                    <ReadinessBadge readiness={c.readiness} />
                    <ProductYamlButton
                      cluster={c.cluster}
                      checklistVersion={matrix.checklistVersion}
                      compact
                    />
                  </Stack>
                  {c.stale && <StaleBadge title="Scored on a stale snapshot" />}
                </Stack>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map(group => (
            <Fragment key={group.level}>
              <TableRow>
                <TableCell
                  component="th"
                  scope="rowgroup"
                  colSpan={span}
                  sx={{ bgcolor: 'action.hover' }}
                >
                  <Typography variant="subtitle2" component="span">
                    {group.level} requirements
                  </Typography>
                </TableCell>
              </TableRow>
              {group.categories.map(cat => (
                <Fragment key={cat.category}>
                  <TableRow>
                    <TableCell component="th" scope="rowgroup" colSpan={span}>
                      <Typography
                        variant="body2"
                        component="span"
                        sx={{ fontWeight: 600 }}
                      >
                        {categoryLabel(cat.category)}
                      </Typography>
                    </TableCell>
                  </TableRow>
                  {cat.requirements.map(r => (
                    <TableRow key={r.id} hover data-requirement={r.id}>
                      <TableCell component="th" scope="row" sx={stickyCell}>
                        <Link
                          component="button"
                          type="button"
                          onClick={() => props.onOpenRequirement(r.id)}
                          sx={{ textAlign: 'left', fontWeight: 500 }}
                        >
                          {r.title}
                        </Link>
                        <Typography
                          variant="caption"
                          component="div"
                          color="text.secondary"
                        >
                          {r.kar ?? 'no KAR'} · {r.id}
                        </Typography>
                      </TableCell>
                      {matrix.clusters.map(c => {
                        const verdict: Verdict = c.verdicts[r.id] ?? 'unknown';
                        return (
                          <TableCell key={c.cluster} data-cluster={c.cluster}>
                            <VerdictBadge
                              verdict={verdict}
                              title={`${c.cluster}: ${r.title}: ${verdict}`}
                            />
                          </TableCell>
                        );
                      })}
                    </TableRow>
                  ))}
                </Fragment>
              ))}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
