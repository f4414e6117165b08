/** The one fontkit call Beirat makes (fontkit ships no types): pdfkit takes the parsed font. */
declare module 'fontkit' {
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Buffer): Font;
}
