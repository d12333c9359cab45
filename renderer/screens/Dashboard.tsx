/** Placeholder until this screen is built (issue 7). */
export function Dashboard() {
  return <div>Dashboard</div>;
}
