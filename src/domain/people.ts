/**
 * 责任人: the person answering for a measure is an account of the unit, a name written as the unit writes it
 * (张某某（分管副局长）, someone without an account), or both (an imported sheet's cell linked to the account it names).
 * One rule decides the name every page, list, export and report prints, so none of them can show "—" for a set person.
 */

/** What a measure stores of its responsible person, with the account's current display name when it names one. */
export interface ResponsiblePerson {
  personId: number | null;
  /** The name as written: free text, or the cell an import linked to an account. */
  personName: string | null;
  /** The linked account's display name now; null when there is no account or it is not known here. */
  accountName?: string | null;
}

/**
 * The name to print. A written name wins, because it is what the unit chose to say (with the title it added) and what
 * an exported sheet must give back on import; an account chosen in a form stores no text, so its name follows the
 * account's. Null only when nobody is named.
 */
export function responsibleName(p: ResponsiblePerson): string | null {
  const written = p.personName?.trim();
  if (written) return written;
  if (p.personId === null) return null;
  return p.accountName?.trim() || null;
}

/**
 * What to store when a form or request sets the 责任人. A chosen account stores no text (its name follows the
 * account); a written name alone is a person without an account, so it unlinks any account chosen before — otherwise
 * reminders would still go to the old account while every page printed the new name. `undefined` leaves a field alone.
 */
export function responsibleToStore(input: { personId?: number | null; personName?: string | null }): {
  personId?: number | null;
  personName?: string | null;
} {
  const name = input.personName === undefined ? undefined : input.personName?.trim() || null;
  const { personId } = input;
  if (personId === undefined) {
    // Only text given: a written name replaces the account; clearing the text of a linked account leaves the link.
    return name === undefined ? {} : name === null ? { personName: null } : { personId: null, personName: name };
  }
  if (personId === null) return { personId: null, personName: name ?? null };
  return { personId, personName: name ?? null };
}

/** The distinct names of an item's measures' people, in measure order, for a list cell or a report line. */
export function responsibleNames(people: ResponsiblePerson[]): string[] {
  const names: string[] = [];
  for (const p of people) {
    const name = responsibleName(p);
    if (name !== null && !names.includes(name)) names.push(name);
  }
  return names;
}
