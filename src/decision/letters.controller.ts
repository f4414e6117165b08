import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '@/auth/auth.decorators';
import type { AuthUser } from '@/auth/auth-user';
import { ApiProblems } from '@/common/api-problems.decorator';
import { UuidPipe } from '@/common/uuid.pipe';
import { LetterParagraphDto } from './dto/letter-paragraph.dto';
import { PendingLetterDoc, ReleaseResultDoc } from './letter-view-doc';
import { LettersService, PendingLetter, ReleaseResult } from './letters.service';

/** Decision letters of a call with `releaseDecisions: batch` (DESIGN §12), office only. */
@ApiTags('decision')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiProblems(401)
@Controller('api')
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  /** Every pending letter of the call as it will be sent. */
  @Get('calls/:id/letters')
  @Roles('office')
  @ApiOkResponse({ type: [PendingLetterDoc] })
  @ApiProblems(400, 403, 404)
  pending(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<PendingLetter[]> {
    return this.letters.pending(id, user);
  }

  /** The personal paragraph of one pending letter (409 once released). */
  @Put('calls/:id/letters/:proposalId')
  @Roles('office')
  @ApiOkResponse({ type: PendingLetterDoc })
  @ApiProblems(400, 403, 404, 409)
  paragraph(
    @Param('id', UuidPipe) id: string,
    @Param('proposalId', UuidPipe) proposalId: string,
    @Body() dto: LetterParagraphDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PendingLetter> {
    return this.letters.setParagraph(id, proposalId, dto.paragraph, user);
  }

  /** Sends every pending letter once; pressing again (or a second instance) releases nothing more. */
  @Post('calls/:id/letters/release')
  @HttpCode(200)
  @Roles('office')
  @ApiOkResponse({ type: ReleaseResultDoc })
  @ApiProblems(400, 403, 404)
  release(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<ReleaseResult> {
    return this.letters.release(id, user);
  }

  /** The latest decision's letter as PDF: the office, and the applicant once released. */
  @Get('proposals/:id/decision/letter.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The decision letter (PDF).',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404)
  async pdf(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { pdf, round } = await this.letters.pdfForReader(id, user);
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="decision-${id}-round-${round}.pdf"`)
      .header('Cache-Control', 'private, no-store');
    return pdf;
  }
}
