// Writes and reads the audit trail. Entries say who did or read what, when, from where and in
// which request; never the content of what was read.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@weerbaar/event-store';
import { ensureAuditSchema } from './audit.schema';

export interface AuditEntry {
  actor: string;
  role: string;
  /** `<METHOD> <route pattern>`, e.g. `GET /api/v1/signals/:signalId`. */
  action: string;
  /** The path asked for, without its query. */
  resource: string;
  status: number;
  requestId: string;
  clientAddress: string;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  /** Entries whose resource starts with this path. */
  resource?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (the previous page's last). */
  before?: string;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  role: string;
  action: string;
  resource: string;
  status: number;
  request_id: string;
  client_address: string;
}

@Injectable()
export class AuditLog implements OnModuleInit {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async onModuleInit(): Promise<void> {
    await ensureAuditSchema(this.db);
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (actor, role, action, resource, status, request_id, client_address)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actor,
        entry.role,
        entry.action.slice(0, 100),
        entry.resource.slice(0, 300),
        entry.status,
        entry.requestId.slice(0, 64),
        entry.clientAddress.slice(0, 64),
      ],
    );
  }

  /** Newest first; one index range per filter, so the cost follows the page, not the trail. */
  async list(filter: AuditFilter): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.actor !== undefined) add((n) => `actor = ${n}`, filter.actor);
    if (filter.action !== undefined) add((n) => `action = ${n}`, filter.action);
    if (filter.resource !== undefined) {
      add((n) => `resource LIKE ${n}`, `${filter.resource.replace(/[\\%_]/g, '\\$&')}%`);
    }
    if (filter.from !== undefined) add((n) => `at >= ${n}`, filter.from);
    if (filter.to !== undefined) add((n) => `at < ${n}`, filter.to);
    if (filter.before !== undefined) add((n) => `id < ${n}::bigint`, filter.before);
    params.push(filter.limit);
    const rows = await this.db.query<AuditRow>(
      `SELECT id::text AS id, at, actor, role, action, resource, status, request_id, client_address
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      actor: row.actor,
      role: row.role,
      action: row.action,
      resource: row.resource,
      status: Number(row.status),
      requestId: row.request_id,
      clientAddress: row.client_address,
    }));
  }
}
