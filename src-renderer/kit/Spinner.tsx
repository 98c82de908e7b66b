/** Decorative: whatever is busy says so in words too (aria-busy or a status message). */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
