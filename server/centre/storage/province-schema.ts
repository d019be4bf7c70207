/**
 * Migration 4 of the centre (listed in migrations.ts): the 好差评 records the halls hand to the centre for
 * the provincial platform (docs/province.md, adapter `city-centre`). One row per (hall, record id): a hall
 * sending a record again changes nothing (ON CONFLICT DO NOTHING), unless a manager corrected a rejected
 * one. `ord` keeps the order records arrived in; the deliverers claim due rows oldest first with
 * `FOR UPDATE SKIP LOCKED` and hold them by pushing `next_at` past a lease under their `claim` token, so
 * several centre processes never send one record at the same time.
 *
 * The body is the record in the platform's field names as the hall sent it, personal fields already left
 * out by the hall (and refused here if one slipped through: app/province-forwarder.ts).
 */
export const PROVINCE_MIGRATION = {
  version: 4,
  name: 'province_outbox: 好差评 records forwarded to the provincial platform',
  sql: `
CREATE TABLE province_outbox (
  hall_code text NOT NULL REFERENCES halls (code),
  record_id text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  body jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'retrying', 'accepted', 'duplicate', 'rejected')),
  attempts integer NOT NULL DEFAULT 0,
  next_at timestamptz NOT NULL,
  claim text,
  platform_id text,
  reason text,
  received_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  answered_at timestamptz,
  PRIMARY KEY (hall_code, record_id)
);
CREATE INDEX province_outbox_due ON province_outbox (next_at, ord) WHERE state IN ('pending', 'retrying');
CREATE INDEX province_outbox_hall_state ON province_outbox (hall_code, state);
`,
} as const;
