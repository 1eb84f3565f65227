// POST /api/v1/admin/subjects/{fingerprint}/erase: crypto-shreds a subject (GDPR art. 17). Its
// key is destroyed, so its identifier and name are unreadable in every signal, in every copy of
// the log; fingerprints, counts and links stay. Asking again is harmless.
import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { parseEraseSubjectRequest, SUBJECT_FINGERPRINT_PATTERN } from '@weerbaar/domain';
import { SubjectErasure } from '@weerbaar/personal-data';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { EraseSubjectRequestDto, SubjectErasedResponseDto } from './erase-subject.dto';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/admin/subjects')
export class EraseSubjectHttpController {
  constructor(private readonly erasure: SubjectErasure) {}

  @Post(':fingerprint/erase')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: "Erase a subject's personal data by destroying its key" })
  @ApiBody({ type: EraseSubjectRequestDto })
  @ApiOkResponse({ type: SubjectErasedResponseDto, description: 'The subject is erased' })
  @ApiNotFoundResponse({ description: 'No signal ever named a subject with this fingerprint' })
  async erase(
    @CurrentPrincipal() principal: Principal,
    @Param('fingerprint') fingerprint: string,
    @Body() body: unknown,
  ): Promise<SubjectErasedResponseDto> {
    const { reason } = parseEraseSubjectRequest(body);
    if (!SUBJECT_FINGERPRINT_PATTERN.test(fingerprint)) {
      throw new NotFoundException('No subject with this fingerprint');
    }
    return this.erasure.erase(fingerprint, reason, principal.sub);
  }
}
