import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';

export interface AsyncLike<T> {
  loading: boolean;
  error?: Error;
  value?: T;
}

/**
 * Shows progress while loading, the error panel on failure and the children
 * once there is a value. Keeps showing the last value while reloading, so
 * paging and filtering do not blank the page.
 */
export function Loadable<T>(props: {
  state: AsyncLike<T>;
  children: (value: T) => ReactNode;
  errorTitle?: string;
}) {
  const { state } = props;
  if (state.error) {
    return <ResponseErrorPanel error={state.error} title={props.errorTitle} />;
  }
  if (state.value === undefined) {
    return <Progress />;
  }
  return <>{props.children(state.value)}</>;
}
