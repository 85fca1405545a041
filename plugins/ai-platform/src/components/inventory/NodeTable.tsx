import { Fragment, useState } from 'react';
import {
  InventoryQuery,
  NodeInventory,
} from '@ai-platform/plugin-ai-platform-common';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import KeyboardArrowDown from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight';
import useAsync from 'react-use/esm/useAsync';
import { useAiPlatformApi } from '../shared/useAiPlatformApi';
import { formatGiB, unitKindLabel } from '../shared/format';
import { StatusBadge } from '../shared/StatusBadge';
import { NodeDevices } from './NodeDevices';
import { UnitKindBadge } from './UnitKindBadge';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import HighlightOff from '@mui/icons-material/HighlightOff';
import HelpOutline from '@mui/icons-material/HelpOutline';
import DoNotDisturbOn from '@mui/icons-material/DoNotDisturbOn';

function NodeReadiness(props: { node: NodeInventory }) {
  const { ready, schedulable } = props.node;
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {ready === true && (
        <StatusBadge
          tone="success"
          icon={<CheckCircleOutline />}
          label="Ready"
        />
      )}
      {ready === false && (
        <StatusBadge tone="error" icon={<HighlightOff />} label="Not ready" />
      )}
      {ready === 'unknown' && (
        <StatusBadge tone="neutral" icon={<HelpOutline />} label="Unknown" />
      )}
      {!schedulable && (
        <StatusBadge
          tone="warning"
          icon={<DoNotDisturbOn />}
          label="Cordoned"
        />
      )}
    </span>
  );
}

const columnCount = 11;

/**
 * GPU nodes, paged on the server: a 5,000-node fleet is never fetched or
 * rendered at once. A row opens to the node's devices.
 */
export function NodeTable(props: { query: InventoryQuery; label: string }) {
  const api = useAiPlatformApi();
  const queryKey = JSON.stringify(props.query);
  const [paging, setPaging] = useState({ key: queryKey, page: 0 });
  const [rowsPerPage, setRowsPerPage] = useState(25);
  const [open, setOpen] = useState<string | undefined>();
  // A new query starts at the first page.
  const page = paging.key === queryKey ? paging.page : 0;

  const state = useAsync(
    () =>
      api.listNodes({
        ...props.query,
        offset: page * rowsPerPage,
        limit: rowsPerPage,
      }),
    [api, queryKey, page, rowsPerPage],
  );

  if (state.error) {
    return (
      <ResponseErrorPanel error={state.error} title="Could not load nodes" />
    );
  }
  if (!state.value) return <Progress />;
  const { items, totalItems } = state.value;

  return (
    <>
      {state.loading && <LinearProgress aria-label="Loading nodes" />}
      <TableContainer>
        <Table size="small" aria-label={props.label} aria-busy={state.loading}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>Node</TableCell>
              <TableCell>Cluster</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Product</TableCell>
              <TableCell align="right">Memory</TableCell>
              <TableCell align="right">Physical</TableCell>
              <TableCell align="right">Allocatable</TableCell>
              <TableCell align="right">Allocated</TableCell>
              <TableCell align="right">Free</TableCell>
              <TableCell>Units</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.length === 0 && (
              <TableRow>
                <TableCell colSpan={columnCount}>
                  <Typography variant="body2" color="text.secondary">
                    No GPU node matches these filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {items.map(node => {
              const key = `${node.cluster}/${node.name}`;
              const expanded = open === key;
              return (
                <Fragment key={key}>
                  <TableRow hover>
                    <TableCell padding="checkbox">
                      <IconButton
                        size="small"
                        aria-expanded={expanded}
                        aria-label={`${expanded ? 'Hide' : 'Show'} devices of ${
                          node.name
                        }`}
                        onClick={() => setOpen(expanded ? undefined : key)}
                      >
                        {expanded ? (
                          <KeyboardArrowDown />
                        ) : (
                          <KeyboardArrowRight />
                        )}
                      </IconButton>
                    </TableCell>
                    <TableCell
                      component="th"
                      scope="row"
                      sx={{ whiteSpace: 'nowrap' }}
                    >
                      {node.name}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {node.cluster}
                    </TableCell>
                    <TableCell>
                      <NodeReadiness node={node} />
                    </TableCell>
                    <TableCell>{node.product ?? '—'}</TableCell>
                    <TableCell align="right">
                      {formatGiB(node.memoryMiB)}
                    </TableCell>
                    <TableCell align="right">{node.physical}</TableCell>
                    <TableCell align="right">{node.allocatable}</TableCell>
                    <TableCell align="right">{node.allocated}</TableCell>
                    <TableCell align="right">{node.free}</TableCell>
                    <TableCell>
                      <span
                        style={{
                          display: 'inline-flex',
                          gap: 4,
                          flexWrap: 'wrap',
                        }}
                      >
                        {node.units.map(u => (
                          <UnitKindBadge
                            key={u.resourceName}
                            kind={u.kind}
                            dra={u.dra}
                            label={unitKindLabel(u)}
                          />
                        ))}
                      </span>
                    </TableCell>
                  </TableRow>
                  {expanded && (
                    <TableRow>
                      <TableCell colSpan={columnCount}>
                        <NodeDevices node={node} />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={totalItems}
        page={page}
        rowsPerPage={rowsPerPage}
        rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_, p) => setPaging({ key: queryKey, page: p })}
        onRowsPerPageChange={e => {
          setRowsPerPage(Number(e.target.value));
          setPaging({ key: queryKey, page: 0 });
        }}
      />
    </>
  );
}
