/** Placeholder until this screen is built (issue 7). */
export function Tables() {
  return <div>Tables</div>;
}
