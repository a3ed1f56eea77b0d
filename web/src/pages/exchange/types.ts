/** Shapes of the ledger import API (src/http/routes/ledger-imports) that only this page uses. */
export interface ImportErrorRow {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

export interface ImportSummary {
  aspects: number;
  problems: number;
  items: number;
  measures: number;
  errors: ImportErrorRow[];
  unmatched: { people: string[]; departments: string[] };
}

export interface ImportDone extends ImportSummary {
  created: { problems: number; items: number; measures: number; progress: number };
}

/** A department by its code or name, or null for none; a person by user name or full name, or null to keep only the name. */
export interface Mapping {
  departments: Record<string, string | null>;
  people: Record<string, string | null>;
}
