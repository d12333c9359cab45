/** Placeholder until this screen is built (issue 7). */
export function Reports() {
  return <div>Reports</div>;
}
