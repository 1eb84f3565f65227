// The global deny-by-default guard: every route needs a valid bearer token unless marked
// @Public(), and a role listed in @Roles() when the route names roles.
import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal, Role } from './principal';
import { InvalidTokenError } from './tokens';
import type { TokenVerifier } from './token-verifier';

const IS_PUBLIC = 'weerbaar:public';
const ROLES_KEY = 'weerbaar:roles';

/** OpenAPI extension of a public operation: the document then asks for no token there. */
export const PUBLIC_OPERATION_EXTENSION = 'x-public';

/**
 * Marks a route as reachable without a token: health, public reference data and the
 * development sign-in. The OpenAPI document says so too (no security requirement).
 */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
/** The roles allowed on a route or controller; without it any authenticated role may pass. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const AUTH_OPTIONS = Symbol('AuthOptions');
export interface AuthOptions {
  verifier: TokenVerifier;
}

type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Told of every request a signed-in person's role may not make (403), before it is refused: the
 * audit trail records the attempt (libs/audit provides it).
 */
export const AUTHORIZATION_REFUSALS = Symbol('AuthorizationRefusals');
export interface AuthorizationRefusals {
  refused(context: ExecutionContext, principal: Principal): Promise<void>;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    @Optional()
    @Inject(AUTHORIZATION_REFUSALS)
    private readonly refusals?: AuthorizationRefusals,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('A bearer token is required');
    let principal: Principal;
    try {
      principal = await this.options.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw new UnauthorizedException('The bearer token is invalid or expired');
      }
      throw error;
    }
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      await this.refusals?.refused(context, principal);
      throw new ForbiddenException(`This action is not available to the role ${principal.role}`);
    }
    return true;
  }
}

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('A bearer token is required');
  return principal;
});
