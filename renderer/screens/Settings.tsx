/** Placeholder until this screen is built (issue 7). */
export function Settings() {
  return <div>Settings</div>;
}
