/** Placeholder until this screen is built (issue 7). */
export function Packages() {
  return <div>Packages</div>;
}
