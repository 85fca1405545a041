import {
  Checklist,
  ChecklistVersion,
} from '@ai-platform/plugin-ai-platform-common';
import TextField from '@mui/material/TextField';

/** The checklist versions the backend ships, drafts marked as such. */
export function ChecklistSelect(props: {
  checklists: Pick<Checklist, 'version' | 'status'>[];
  value: ChecklistVersion | undefined;
  onChange: (version: ChecklistVersion) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label="Checklist version"
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value as ChecklistVersion)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ minWidth: 180 }}
    >
      {props.value === undefined && <option value="">Default</option>}
      {props.checklists.map(c => (
        <option key={c.version} value={c.version}>
          {c.version}
          {c.status === 'draft' ? ' (draft)' : ''}
        </option>
      ))}
    </TextField>
  );
}
