/** Placeholder until this screen is built (issue 7). */
export function ScoreSheet({ unitId, draftRef }: { unitId: string; draftRef?: string | undefined }) {
  return <div>{unitId} {draftRef}</div>;
}
