import type { Type } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Page } from './pagination';

/** The OpenAPI class of a page of `item` (`{items, nextCursor}`), named `<Item>Page`. */
export function PageDoc<T>(item: Type<T>, name: string): Type<Page<T>> {
  @ApiSchema({ name })
  class PageOfItems {
    @ApiProperty({ type: item, isArray: true })
    items: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `?cursor=` for the next page; null on the last page.',
    })
    nextCursor: string | null;
  }
  return PageOfItems;
}
