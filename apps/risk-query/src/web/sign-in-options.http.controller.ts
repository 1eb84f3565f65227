// How a person signs in to the web app: at the organisation's OpenID Connect provider (the
// authorization code flow with PKCE, as a public client), through the development sign-in, or
// both. Public: the sign-in page asks before anyone has a token. Holds no secret.
import { Controller, Get, Inject } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { WEERBAAR_CONFIG, type WeerbaarConfig } from '@weerbaar/config';
import { Public } from '@weerbaar/security';

class OidcSignIn {
  @ApiProperty({ description: "The provider's issuer; its discovery document is found from it" })
  issuer!: string;
  @ApiProperty({ description: "The web app's public client id at the provider" })
  clientId!: string;
  @ApiProperty({ description: 'The scopes to ask for, space-separated' })
  scope!: string;
  @ApiPropertyOptional({
    description: 'RFC 8707 resource indicator of the API, if the provider wants one',
  })
  resource?: string;
}

class SignInOptions {
  @ApiProperty({ description: 'The development sign-in (POST /api/v1/dev/tokens) is on' })
  development!: boolean;
  @ApiProperty({ type: OidcSignIn, nullable: true, description: 'Sign-in at the OIDC provider' })
  oidc!: OidcSignIn | null;
}

@ApiTags('sign-in')
@Controller('api/v1/sign-in')
export class SignInOptionsHttpController {
  constructor(@Inject(WEERBAAR_CONFIG) private readonly config: WeerbaarConfig) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'How the web app signs a person in' })
  @ApiOkResponse({ type: SignInOptions })
  options(): SignInOptions {
    const { devSignIn, jwks, webSignIn } = this.config.auth;
    return {
      development: devSignIn,
      oidc:
        jwks && webSignIn
          ? {
              issuer: jwks.issuer,
              clientId: webSignIn.clientId,
              scope: webSignIn.scope,
              ...(webSignIn.resource ? { resource: webSignIn.resource } : {}),
            }
          : null,
    };
  }
}
