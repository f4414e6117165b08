import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CsrfGuard } from './csrf';
import { WebExceptionFilter } from './web-exception.filter';

/** A page controller: CSRF on every post, errors as pages, not part of the OpenAPI document. */
export const WebController = (prefix = '') =>
  applyDecorators(
    Controller(prefix),
    ApiExcludeController(),
    UseGuards(CsrfGuard),
    UseFilters(WebExceptionFilter),
  );
