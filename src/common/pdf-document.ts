import { readFileSync } from 'node:fs';
import { create as parseFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * The PDF documents Beirat generates (decision letters, minutes, meeting packs) share one look and
 * one font. DejaVu Sans comes from the `dejavu-fonts-ttf` package, so umlauts and ß render the same
 * on every machine without relying on the PDF viewer's built-in fonts (which only know WinAnsi).
 */
const FONT_DIRECTORY = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
const REGULAR = `${FONT_DIRECTORY}DejaVuSans.ttf`;
const BOLD = `${FONT_DIRECTORY}DejaVuSans-Bold.ttf`;

/**
 * The fonts, read and parsed once per process: pdfkit takes a parsed fontkit font as well as the file,
 * and parsing both files took ~25 ms of every document (each one embeds its own subset either way).
 */
let fonts: { regular: Font; bold: Font } | undefined;
const parsedFonts = () =>
  (fonts ??= { regular: parseFont(readFileSync(REGULAR)), bold: parseFont(readFileSync(BOLD)) });

export interface PdfWriter {
  heading(text: string): void;
  subheading(text: string): void;
  paragraph(text: string): void;
  /** One "label: value" line per entry, labels bold. */
  facts(rows: Array<[string, string]>): void;
  /** A small table drawn as aligned text rows; the first row is the header. */
  table(rows: string[][], columnWidths: number[]): void;
  gap(): void;
}

/** Metadata that goes into the PDF's info dictionary (title, and a fixed date for frozen documents). */
export interface PdfMeta {
  title: string;
  /** Defaults to now; pass a fixed date where the same input must give the same bytes. */
  createdAt?: Date;
  language?: 'de' | 'en';
}

/** Renders one A4 PDF by calling `draw` with a small writer and resolves with its bytes. */
export function renderPdf(meta: PdfMeta, draw: (pdf: PdfWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: meta.title, Creator: 'Beirat', CreationDate: meta.createdAt ?? new Date() },
    lang: meta.language ?? 'de',
    displayTitle: true,
    pdfVersion: '1.7',
  });
  // @types/pdfkit lists files only; pdfkit's font factory also accepts a parsed font (one with layout()).
  doc.registerFont('regular', parsedFonts().regular as unknown as Buffer);
  doc.registerFont('bold', parsedFonts().bold as unknown as Buffer);
  doc.font('regular').fontSize(10.5);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const writer: PdfWriter = {
    heading: (text) => {
      doc.font('bold').fontSize(16).text(text, left).moveDown(0.6).font('regular').fontSize(10.5);
    },
    subheading: (text) => {
      doc
        .moveDown(0.4)
        .font('bold')
        .fontSize(12)
        .text(text, left)
        .moveDown(0.3)
        .font('regular')
        .fontSize(10.5);
    },
    paragraph: (text) => {
      doc.font('regular').fontSize(10.5).text(text, left, undefined, { align: 'left' }).moveDown(0.4);
    },
    facts: (rows) => {
      for (const [label, value] of rows) {
        doc.font('bold').text(`${label}: `, left, undefined, { continued: true }).font('regular').text(value);
      }
      doc.moveDown(0.4);
    },
    table: (rows, columnWidths) => {
      rows.forEach((row, index) => {
        const y = doc.y;
        let x = left;
        let bottom = y;
        doc.font(index === 0 ? 'bold' : 'regular').fontSize(9.5);
        row.forEach((cell, column) => {
          const width = columnWidths[column] ?? 80;
          doc.text(cell, x, y, { width: width - 6 });
          bottom = Math.max(bottom, doc.y);
          x += width;
        });
        doc.x = left;
        doc.y = bottom + 2;
        if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
      });
      doc.font('regular').fontSize(10.5).moveDown(0.4);
    },
    gap: () => {
      doc.moveDown(0.8);
    },
  };
  draw(writer);
  doc.end();
  return done;
}
