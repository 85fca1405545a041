import { Key, ReactNode, useEffect, useState } from 'react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';

export interface Column<T> {
  title: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Render as a row header (`th scope="row"`), for the column that names the row. */
  rowHeader?: boolean;
  /** Keep on one line (numbers, names, times); right-aligned columns always are. */
  nowrap?: boolean;
}

/**
 * A plain table with client-side pagination for lists the backend returns
 * whole (clusters, products, placements). Large lists (nodes) page on the
 * server instead (see NodeTable).
 */
export function SimpleTable<T>(props: {
  /** Accessible name of the table. */
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => Key;
  emptyMessage?: ReactNode;
  pageSize?: number;
  size?: 'small' | 'medium';
}) {
  const { rows, columns } = props;
  const pageSize = props.pageSize ?? 25;
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(pageSize);
  const paged = rows.length > pageSize;
  useEffect(() => {
    // Keep the page in range when the rows change under it.
    if (page * rowsPerPage >= rows.length && page > 0) setPage(0);
  }, [rows.length, page, rowsPerPage]);
  const visible = paged
    ? rows.slice(page * rowsPerPage, page * rowsPerPage + rowsPerPage)
    : rows;

  return (
    <>
      <TableContainer>
        <Table size={props.size ?? 'small'} aria-label={props.label}>
          <TableHead>
            <TableRow>
              {columns.map((column, i) => (
                <TableCell key={i} align={column.align}>
                  {column.title}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.length === 0 ? (
              <TableRow>
                <TableCell colSpan={columns.length}>
                  <Typography variant="body2" color="text.secondary">
                    {props.emptyMessage ?? 'Nothing to show.'}
                  </Typography>
                </TableCell>
              </TableRow>
            ) : (
              visible.map((row, index) => (
                <TableRow key={props.rowKey(row, index)}>
                  {columns.map((column, i) => (
                    <TableCell
                      key={i}
                      align={column.align}
                      component={column.rowHeader ? 'th' : 'td'}
                      scope={column.rowHeader ? 'row' : undefined}
                      sx={
                        column.nowrap || column.align === 'right'
                          ? { whiteSpace: 'nowrap' }
                          : undefined
                      }
                    >
                      {column.render(row)}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {paged && (
        <TablePagination
          component="div"
          count={rows.length}
          page={page}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={[10, 25, 50, 100]}
          onPageChange={(_, p) => setPage(p)}
          onRowsPerPageChange={e => {
            setRowsPerPage(Number(e.target.value));
            setPage(0);
          }}
        />
      )}
    </>
  );
}
