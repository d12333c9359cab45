/** Placeholder until this screen is built (issue 7). */
export function Registry() {
  return <div>Registry</div>;
}
