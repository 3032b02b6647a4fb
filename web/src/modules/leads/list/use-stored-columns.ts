import { DEFAULT_LEAD_COLUMNS, LEAD_LIST_COLUMNS, type LeadListColumn } from '@contracts/lead-views.contract';
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'closeloop.leadList.columns';

function readStored(): LeadListColumn[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(parsed)) {
      const known = LEAD_LIST_COLUMNS.filter((c) => parsed.includes(c));
      if (known.length > 0) return known;
    }
  } catch {
    // Unreadable or disabled storage: the default columns.
  }
  return [...DEFAULT_LEAD_COLUMNS];
}

/** The columns chosen on this browser when no saved view is open. */
export function useStoredColumns(): [LeadListColumn[], (columns: LeadListColumn[]) => void] {
  const [columns, setColumns] = useState(readStored);
  const store = useCallback((next: LeadListColumn[]) => {
    setColumns(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage can be disabled (private mode); the choice then lasts for this page only.
    }
  }, []);
  return [columns, store];
}
