/** Placeholder until this screen is built (issue 7). */
export function UnitDetail({ id }: { id: string }) {
  return <div>{id}</div>;
}
