import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@/auth/auth.decorators';
import type { AuthedRequest } from '@/auth/auth.guard';
import type { AuthUser } from '@/auth/auth-user';
import { CallsService, toCallView } from '@/calls/calls.service';
import { UuidPipe } from '@/common/uuid.pipe';
import { LetterParagraphDto } from '@/decision/dto/letter-paragraph.dto';
import { LettersService } from '@/decision/letters.service';
import { emptyForm, FormState, refusedForm } from './form-state';
import { formBody, one, validated } from './form-input';
import { Page, PagesService } from './pages.service';
import { WebController } from './web-controller.decorator';

/** The office's decision letters of a batch call: preview each, add a paragraph, release them all. */
@WebController('office')
@Roles('office')
export class LettersPagesController {
  constructor(
    private readonly pages: PagesService,
    private readonly letters: LettersService,
    private readonly calls: CallsService,
  ) {}

  @Get('calls/:id/letters')
  async show(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    await this.render(this.pages.page(req, reply), id, req.user as AuthUser);
  }

  @Post('calls/:id/letters/:proposalId')
  async paragraph(
    @Param('id', UuidPipe) id: string,
    @Param('proposalId', UuidPipe) proposalId: string,
    @Req() req: AuthedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = this.pages.page(req, reply);
    const user = req.user as AuthUser;
    const field = `paragraph.${proposalId}`;
    const values = { [field]: one(formBody(req.body), 'paragraph') };
    try {
      const dto = await validated(LetterParagraphDto, { paragraph: values[field] });
      await this.letters.setParagraph(id, proposalId, dto.paragraph, user);
      return await page.redirect(`/office/calls/${id}/letters`, 'next.paragraphSaved');
    } catch (error) {
      const form = refusedForm(error, values, page.locale);
      const errors = Object.fromEntries(
        Object.entries(form.errors).map(([f, m]) => [f === 'paragraph' ? field : f, m]),
      );
      await this.render(page, id, user, { ...form, errors });
    }
  }

  @Post('calls/:id/letters-release')
  async release(@Param('id', UuidPipe) id: string, @Req() req: AuthedRequest, @Res() reply: FastifyReply) {
    const page = this.pages.page(req, reply);
    await this.letters.release(id, req.user as AuthUser);
    return page.redirect(`/office/calls/${id}/letters`, 'next.lettersReleased');
  }

  private async render(page: Page, id: string, user: AuthUser, form?: FormState): Promise<void> {
    const call = toCallView(await this.calls.getVisible(id, user), user);
    const letters = await this.letters.pending(id, user);
    const values = Object.fromEntries(letters.map((l) => [`paragraph.${l.proposalId}`, l.paragraph]));
    const shown = form ? { ...form, values: { ...values, ...form.values } } : emptyForm(values);
    await page.render(
      'office-letters',
      { title: `${page.t('letters.title')}: ${call.title}`, call, letters },
      shown,
    );
  }
}
