import { IsString, MaxLength } from 'class-validator';

export class LetterParagraphDto {
  /** The office's personal paragraph, shown after the outcome ('' removes it). */
  @IsString()
  @MaxLength(3000)
  paragraph: string;
}
