/** True for a 404 from the backend (a cluster or scorecard it does not know). */
export function isNotFound(error: unknown): boolean {
  const e = error as
    | { name?: string; statusCode?: number; response?: { status?: number } }
    | undefined;
  return (
    e?.name === 'NotFoundError' ||
    e?.statusCode === 404 ||
    e?.response?.status === 404
  );
}
