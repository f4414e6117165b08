import { Module } from '@nestjs/common';
import { AuthModule } from '@/auth/auth.module';
import { CallsModule } from '@/calls/calls.module';
import { ProposalsModule } from '@/proposals/proposals.module';
import { UsersModule } from '@/users/users.module';
import { AuthPagesController } from './auth-pages.controller';
import { CsrfGuard, CsrfService } from './csrf';
import { HomeController } from './home.controller';
import { PagesService } from './pages.service';
import { ProposalPageData } from './proposal-page-data';
import { ProposalPagesController } from './proposal-pages.controller';
import { WebAssetsController } from './web-assets.controller';
import { WebExceptionFilter } from './web-exception.filter';

/** Server-rendered pages: controllers and templates over the same services the API uses. */
@Module({
  imports: [AuthModule, UsersModule, CallsModule, ProposalsModule],
  controllers: [WebAssetsController, AuthPagesController, HomeController, ProposalPagesController],
  providers: [PagesService, CsrfService, CsrfGuard, WebExceptionFilter, ProposalPageData],
})
export class WebModule {}
