/** Plain code-unit string comparison (the order etcd keys and the real server use). */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
