// Administration of whom the platform tells (API.md § Administration): the RIEC contacts of a
// region and the burgemeester of a municipality. Admin only; secrets are never returned.
import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  CONTACT_LIMITS,
  parseMunicipalityContactsRequest,
  parseRiecContactsRequest,
  withoutSecret,
} from '@weerbaar/domain';
import { ReferenceData } from '@weerbaar/reference-data';
import { CurrentPrincipal, type Principal, Roles } from '@weerbaar/security';
import { ContactDirectory } from './contact-directory.service';
import { AuditedRead } from '@weerbaar/audit';

class PersonDto {
  @ApiProperty({ minLength: 1, maxLength: CONTACT_LIMITS.nameMaxLength }) name!: string;
  @ApiProperty({ format: 'email', maxLength: CONTACT_LIMITS.emailMaxLength }) email!: string;
}

class RiecContactDto extends PersonDto {
  @ApiPropertyOptional({ maxLength: CONTACT_LIMITS.phoneMaxLength, example: '+31 20 123 4567' })
  phone?: string;
  @ApiPropertyOptional({
    format: 'uri',
    description: 'https, or plain http to localhost; webhooks are signed (Standard Webhooks)',
  })
  webhookUrl?: string;
  @ApiPropertyOptional({
    writeOnly: true,
    description:
      'whsec_<base64> (24–64 bytes); required for a new webhookUrl, kept when omitted for the same URL; never returned',
  })
  webhookSecret?: string;
}

class RiecContactsRequestDto {
  @ApiProperty({ type: [RiecContactDto], maxItems: CONTACT_LIMITS.maxContacts })
  contacts!: RiecContactDto[];
}

class RiecContactView extends PersonDto {
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() webhookUrl?: string;
  @ApiProperty({ description: 'Whether a webhook secret is set (it is never shown)' })
  hasWebhookSecret!: boolean;
}

class RiecContactsView {
  @ApiProperty() riecRegion!: string;
  @ApiProperty({ type: [RiecContactView] }) contacts!: RiecContactView[];
}

class MunicipalityContactsRequestDto {
  @ApiProperty({ type: PersonDto, nullable: true, description: 'null removes the contact' })
  burgemeester!: PersonDto | null;
}

class MunicipalityContactsView {
  @ApiProperty() municipality!: string;
  @ApiProperty({ type: PersonDto, nullable: true }) burgemeester!: PersonDto | null;
}

@ApiTags('administration')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class ContactsHttpController {
  constructor(
    private readonly directory: ContactDirectory,
    private readonly referenceData: ReferenceData,
  ) {}

  @Get('riec-contacts/:riecRegion')
  @AuditedRead()
  @Roles('admin')
  @ApiOperation({ summary: "A RIEC region's contacts" })
  @ApiParam({ name: 'riecRegion', example: 'amsterdam' })
  @ApiOkResponse({ type: RiecContactsView })
  @ApiNotFoundResponse({ description: 'No such RIEC region' })
  async riecContacts(@Param('riecRegion') riecRegion: string): Promise<RiecContactsView> {
    this.requireRegion(riecRegion);
    return {
      riecRegion,
      contacts: (await this.directory.riecContacts(riecRegion)).map(withoutSecret),
    };
  }

  @Put('riec-contacts/:riecRegion')
  @Roles('admin')
  @ApiOperation({ summary: "Set a RIEC region's contacts" })
  @ApiParam({ name: 'riecRegion', example: 'amsterdam' })
  @ApiBody({ type: RiecContactsRequestDto })
  @ApiOkResponse({ type: RiecContactsView, description: 'The contacts as set (without secrets)' })
  async setRiecContacts(
    @CurrentPrincipal() principal: Principal,
    @Param('riecRegion') riecRegion: string,
    @Body() body: unknown,
  ): Promise<RiecContactsView> {
    this.requireRegion(riecRegion);
    const contacts = parseRiecContactsRequest(body);
    const stored = await this.directory.setRiecContacts(principal.sub, riecRegion, contacts);
    return { riecRegion, contacts: stored.map(withoutSecret) };
  }

  @Get('municipality-contacts/:code')
  @AuditedRead()
  @Roles('admin')
  @ApiOperation({ summary: "A municipality's burgemeester contact" })
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: '^GM\\d{4}$' } })
  @ApiOkResponse({ type: MunicipalityContactsView })
  @ApiNotFoundResponse({ description: 'No such municipality' })
  async municipalityContacts(@Param('code') code: string): Promise<MunicipalityContactsView> {
    this.requireMunicipality(code);
    return { municipality: code, burgemeester: await this.directory.burgemeester(code) };
  }

  @Put('municipality-contacts/:code')
  @Roles('admin')
  @ApiOperation({ summary: "Set a municipality's burgemeester contact" })
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: '^GM\\d{4}$' } })
  @ApiBody({ type: MunicipalityContactsRequestDto })
  @ApiOkResponse({ type: MunicipalityContactsView })
  async setMunicipalityContacts(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Body() body: unknown,
  ): Promise<MunicipalityContactsView> {
    this.requireMunicipality(code);
    const burgemeester = parseMunicipalityContactsRequest(body);
    return {
      municipality: code,
      burgemeester: await this.directory.setBurgemeester(principal.sub, code, burgemeester),
    };
  }

  private requireRegion(riecRegion: string): void {
    if (!this.referenceData.isKnownRiecRegion(riecRegion)) {
      throw new NotFoundException(`No RIEC region ${riecRegion}`);
    }
  }

  private requireMunicipality(code: string): void {
    if (!this.referenceData.isKnownMunicipality(code)) {
      throw new NotFoundException(`No municipality ${code}`);
    }
  }
}
