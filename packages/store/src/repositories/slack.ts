/**
 * What the Slack app keeps: where each hand-off's channel card is (so every event updates the
 * card in place, from any hub), and the OAuth installations of a multi-workspace app. The tables
 * are declared here rather than in database.ts because only the Slack app reads them.
 */
import type { ColumnType } from 'kysely';
import { json, type Json, type Timestamp } from '../database.js';
import type { Executor } from '../executor.js';

type SlackTables = {
  slack_cards: {
    handoff_id: string;
    team_id: string | null;
    channel: string;
    ts: string;
    posted_at: Timestamp;
  };
  slack_installations: {
    installation_key: string;
    installation: Json<unknown>;
    installed_at: ColumnType<Date, Date | string, Date | string>;
  };
};

export interface SlackCard {
  handoffId: string;
  teamId: string | null;
  channel: string;
  /** The card message's timestamp, its id within the channel. */
  ts: string;
}

export class SlackRepository {
  constructor(private readonly db: Executor) {}

  private get tables() {
    return this.db.withTables<SlackTables>();
  }

  /** Where the hand-off's card is, or null when none was posted. */
  async card(handoffId: string): Promise<SlackCard | null> {
    const row = await this.tables.selectFrom('slack_cards').selectAll().where('handoff_id', '=', handoffId).executeTakeFirst();
    return row ? { handoffId: row.handoff_id, teamId: row.team_id, channel: row.channel, ts: row.ts } : null;
  }

  /** Records (or moves, after a reassignment) the hand-off's card. */
  async saveCard(card: SlackCard, now: Date): Promise<void> {
    const values = { handoff_id: card.handoffId, team_id: card.teamId, channel: card.channel, ts: card.ts, posted_at: now };
    await this.tables
      .insertInto('slack_cards')
      .values(values)
      .onConflict((conflict) => conflict.column('handoff_id').doUpdateSet({ team_id: card.teamId, channel: card.channel, ts: card.ts, posted_at: now }))
      .execute();
  }

  /** Stores a workspace's installation (as Slack's OAuth library gives it), replacing an earlier one. */
  async saveInstallation(key: string, installation: unknown, now: Date): Promise<void> {
    await this.tables
      .insertInto('slack_installations')
      .values({ installation_key: key, installation: json(installation), installed_at: now })
      .onConflict((conflict) => conflict.column('installation_key').doUpdateSet({ installation: json(installation), installed_at: now }))
      .execute();
  }

  /** The installation stored under `key`, or undefined. */
  async installation(key: string): Promise<unknown> {
    const row = await this.tables.selectFrom('slack_installations').select('installation').where('installation_key', '=', key).executeTakeFirst();
    return row?.installation;
  }

  /** Forgets an installation (the app was uninstalled). */
  async deleteInstallation(key: string): Promise<void> {
    await this.tables.deleteFrom('slack_installations').where('installation_key', '=', key).execute();
  }
}
