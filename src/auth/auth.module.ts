import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '@/users/users.module';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { AccountTokensService } from './account-tokens.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { EmailConfirmationsService } from './email-confirmations.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordResetRateLimiter } from './password-reset-rate-limiter';
import { RateCounters } from './rate-counters';
import { RegistrationRateLimiter } from './registration-rate-limiter';
import { RegistrationService } from './registration.service';
import { TotpService } from './totp.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, AccountController],
  providers: [
    AuthService,
    RateCounters,
    LoginRateLimiter,
    RegistrationRateLimiter,
    RegistrationService,
    EmailConfirmationsService,
    AccountTokensService,
    AccountService,
    PasswordResetRateLimiter,
    TotpService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    AuthService,
    RegistrationService,
    EmailConfirmationsService,
    AccountTokensService,
    AccountService,
    TotpService,
    RateCounters,
  ],
})
export class AuthModule {}
