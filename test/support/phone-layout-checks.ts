/*
 * Checks that run inside the page (page.evaluate) on the phone layout. The project compiles without
 * the DOM library, so the few browser names these functions use are declared here, for this module
 * only.
 */
interface Box {
  left: number;
  right: number;
  top: number;
  width: number;
}
interface DomNode {
  textContent: string | null;
}
interface DomElement extends DomNode {
  tagName: string;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  getBoundingClientRect(): Box;
  closest(selector: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
}
interface DomRange {
  selectNodeContents(node: DomNode): void;
  setStart(node: DomNode, offset: number): void;
  setEnd(node: DomNode, offset: number): void;
  getBoundingClientRect(): Box;
  getClientRects(): Iterable<Box>;
}
declare const document: {
  documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  createRange(): DomRange;
  createTreeWalker(root: DomElement, show: number): { nextNode(): DomNode | null };
};
declare const NodeFilter: { SHOW_TEXT: number };
declare function getComputedStyle(element: DomElement, pseudo?: string): { content: string };

export interface CellProblem {
  cell: string;
  problem: string;
}

/** Runs in the page: what is wrong with the table cells of <main> at the current width. */
export function tableCellProblems(): CellProblem[] {
  const problems: CellProblem[] = [];
  const width = document.documentElement.clientWidth;
  const cells = Array.from(document.querySelectorAll('main table tbody :is(td, th)'));
  for (const cell of cells) {
    const name =
      (cell.getAttribute('data-label') ?? '') + ': ' + (cell.textContent ?? '').trim().slice(0, 40);
    const content = document.createRange();
    content.selectNodeContents(cell);
    for (const [what, box] of [
      ['cell', cell.getBoundingClientRect()],
      ['content', content.getBoundingClientRect()],
    ] as const) {
      if (box.width > 0 && (box.left < -0.5 || box.right > width + 0.5)) {
        problems.push({ cell: name, problem: `${what} ${Math.round(box.left)}..${Math.round(box.right)}` });
      }
    }
    const wrap = cell.closest('.table-wrap');
    if (wrap && wrap.scrollWidth > wrap.clientWidth + 1)
      problems.push({ cell: name, problem: 'scrolls sideways' });
    const label = cell.getAttribute('data-label');
    // A cell under column headings needs their name on the card (a row heading labels itself).
    const underHeadings = !!cell.closest('table')?.querySelector('thead');
    if (underHeadings && cell.tagName === 'TD' && !cell.hasAttribute('colspan') && label === null) {
      problems.push({ cell: name, problem: 'no data-label' });
    }
    const shown = getComputedStyle(cell, '::before').content;
    if (label !== null && shown !== JSON.stringify(label)) {
      problems.push({ cell: name, problem: `label shown as ${shown}` });
    }
  }
  return problems;
}

/**
 * Runs in the page: the words of the headings and table cells that the browser broke across two
 * lines somewhere other than at a (soft) hyphen.
 */
export function midWordBreaks(): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    let lastTop: number | null = null;
    let hyphenSince = false;
    let wordStart = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (/\s/.test(ch)) {
        lastTop = null;
        hyphenSince = false;
        wordStart = i + 1;
        continue;
      }
      if (ch === '\u00AD' || ch === '-') {
        hyphenSince = true;
        continue;
      }
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      // The glyph's own box: at a line start the range also reports a box at the line before.
      const box = Array.from(range.getClientRects())
        .filter((rect) => rect.width > 0)
        .pop();
      if (!box) continue;
      if (lastTop !== null && box.top > lastTop + 2 && !hyphenSince) {
        broken.push(text.slice(wordStart, i).replaceAll('\u00AD', '') + '/' + ch);
      }
      lastTop = box.top;
      hyphenSince = false;
    }
  }
  return broken;
}
