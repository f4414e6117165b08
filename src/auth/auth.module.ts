import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '@/users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { EmailConfirmationsService } from './email-confirmations.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { RateCounters } from './rate-counters';
import { RegistrationRateLimiter } from './registration-rate-limiter';
import { RegistrationService } from './registration.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    RateCounters,
    LoginRateLimiter,
    RegistrationRateLimiter,
    RegistrationService,
    EmailConfirmationsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, RegistrationService, EmailConfirmationsService, RateCounters],
})
export class AuthModule {}
