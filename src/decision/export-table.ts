import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Cell = string | number | boolean | null;

/** A table for export: the header and rows; `text` marks cells typed by users (titles, comments). */
export interface ExportTable {
  sheet: string;
  header: string[];
  rows: Cell[][];
  /** Column indexes holding user-typed text, neutralised against formula injection. */
  textColumns: number[];
}

/**
 * Text a spreadsheet would run as a formula — a leading = + - @ (also after tab or CR, which some
 * programs skip) — is prefixed with an apostrophe (OWASP "CSV injection"), in CSV and XLSX alike.
 */
export function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell, text: boolean): string {
  if (value === null) return '';
  let s = String(value);
  if (text) s = inert(s);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv(table: ExportTable): string {
  const lines = table.rows.map((row) =>
    row.map((cell, i) => csvField(cell, table.textColumns.includes(i))).join(','),
  );
  return [table.header.join(','), ...lines].join('\r\n') + '\r\n';
}

/**
 * The same table as an XLSX workbook (one sheet, bold header). User text goes in as plain string
 * cells — exceljs writes a formula only for `{formula}` values — and is also neutralised, so a copy
 * pasted elsewhere stays inert.
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Beirat';
  const sheet = workbook.addWorksheet(table.sheet);
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(
      row.map((cell, i) => (typeof cell === 'string' && table.textColumns.includes(i) ? inert(cell) : cell)),
    );
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
