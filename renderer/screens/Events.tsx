/** Placeholder until this screen is built (issue 7). */
export function Events({ unitId }: { unitId: string }) {
  return <div>{unitId}</div>;
}
