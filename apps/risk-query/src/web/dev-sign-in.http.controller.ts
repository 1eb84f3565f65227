// The development sign-in of the embedded mode: a person picks a role and a municipality or
// region and gets a token signed with the platform's own secret. Off (404, as if absent) where
// an operator configured the signing secret, unless AUTH_DEV_LOGIN=true; production signs in
// through OIDC instead.
import { Body, Controller, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type Clock, CLOCK, WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { InputReader } from '@weerbaar/domain';
import { ReferenceData } from '@weerbaar/reference-data';
import { mintToken, Public, type Role, ROLES } from '@weerbaar/security';

/** A working day: the web app keeps the token in session storage, gone with the tab. */
const DEV_TOKEN_SECONDS = 8 * 3600;

class DevTokenRequest {
  @ApiProperty({ enum: ROLES }) role!: Role;
  // null is "not given", as absent (InputReader.isAbsent).
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    pattern: '^GM\\d{4}$',
    description: 'CBS code; required for coordinator and burgemeester, else absent or null',
  })
  municipality?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'RIEC region id; required for analyst, else absent or null',
  })
  riecRegion?: string | null;
}

class DevTokenResponse {
  @ApiProperty({ description: 'A bearer token (HS256) for the API' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty() sub!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiPropertyOptional() municipality?: string;
  @ApiPropertyOptional() riecRegion?: string;
}

@ApiTags('development')
@Controller('api/v1/dev')
export class DevSignInHttpController {
  constructor(
    private readonly referenceData: ReferenceData,
    @Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('tokens')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Development sign-in: a token for a chosen role and scope',
    description:
      'Only where the platform signs with a secret it generated itself, or with AUTH_DEV_LOGIN=true.',
  })
  @ApiBody({ type: DevTokenRequest })
  @ApiOkResponse({ type: DevTokenResponse, description: 'A token for the chosen role' })
  @ApiNotFoundResponse({ description: 'The development sign-in is off' })
  @ApiUnprocessableEntityResponse({ description: 'No such role, municipality or region' })
  signIn(@Body() body: unknown): DevTokenResponse {
    if (!this.config.auth.devSignIn) throw new NotFoundException();
    const { role, municipality, riecRegion } = this.parse(body);
    const scope = municipality ?? riecRegion;
    const sub = scope === undefined ? `dev-${role}` : `dev-${role}-${scope}`;
    const expiresAt = new Date(this.clock().getTime() + DEV_TOKEN_SECONDS * 1000);
    const token = mintToken(
      { role, sub, municipality, riecRegion, expiresInSeconds: DEV_TOKEN_SECONDS },
      this.config.auth.jwtSecret,
      this.referenceData,
    );
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      sub,
      role,
      ...(municipality === undefined ? {} : { municipality }),
      ...(riecRegion === undefined ? {} : { riecRegion }),
    };
  }

  private parse(body: unknown): { role: Role; municipality?: string; riecRegion?: string } {
    const reader = new InputReader();
    const input = reader.root(body, ['role', 'municipality', 'riecRegion']);
    const role = reader.oneOf(input, 'role', ROLES);
    const needs = role === 'coordinator' || role === 'burgemeester' ? 'municipality' : undefined;
    const needsRegion = role === 'analyst';
    const municipality = input.municipality;
    const riecRegion = input.riecRegion;
    if (needs) {
      if (typeof municipality !== 'string' || !this.referenceData.isKnownMunicipality(municipality))
        reader.error('municipality', 'must be the CBS code of a municipality, such as GM0363');
    } else if (!reader.isAbsent(input, 'municipality')) {
      reader.error('municipality', 'is only for a coordinator or a burgemeester');
    }
    if (needsRegion) {
      if (typeof riecRegion !== 'string' || !this.referenceData.isKnownRiecRegion(riecRegion))
        reader.error('riecRegion', 'must be the id of an RIEC region');
    } else if (!reader.isAbsent(input, 'riecRegion')) {
      reader.error('riecRegion', 'is only for an analyst');
    }
    const v = reader.complete({ role });
    return {
      role: v.role,
      ...(needs ? { municipality: municipality as string } : {}),
      ...(needsRegion ? { riecRegion: riecRegion as string } : {}),
    };
  }
}
