// GET /api/v1/admin/audit: the audit trail for administrators, newest first, filtered by who,
// what, which resource and when. It holds who read or changed what, never the content.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, instantOf } from '@weerbaar/http';
import { Roles } from '@weerbaar/security';
import { AuditLog } from './audit-log';
import { AuditPageDto, ListAuditRequestDto } from './audit.request.dto';

@ApiTags('administration')
@Controller('api/v1/admin/audit')
export class AuditHttpController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Read the audit trail of commands and reads, newest first' })
  @ApiOkResponse({ type: AuditPageDto, description: 'A page of the audit trail' })
  async list(@Query() query: ListAuditRequestDto): Promise<AuditPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const items = await this.audit.list({
      actor: query.actor,
      action: query.action,
      resource: query.resource,
      from: instantOf(query.from, 'from'),
      to: instantOf(query.to, 'to'),
      before: query.cursor,
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    return {
      items: page,
      nextCursor: items.length > limit ? page[page.length - 1].id : null,
    };
  }
}
