/**
 * Rows of the new-users form that share an email address. The provider refuses the whole batch
 * for one duplicate without saying which row, so the form finds them first. Addresses compare as
 * the provider compares them: trimmed and without regard to case.
 */
export function duplicateEmails(emails: readonly string[]): Map<number, string> {
  const rowsOf = new Map<string, number[]>();
  emails.forEach((raw, row) => {
    const email = raw.trim().toLowerCase();
    if (email === '') return;
    rowsOf.set(email, [...(rowsOf.get(email) ?? []), row]);
  });
  const out = new Map<number, string>();
  for (const rows of rowsOf.values()) {
    if (rows.length < 2) continue;
    for (const row of rows) out.set(row, emails[row]!.trim());
  }
  return out;
}
