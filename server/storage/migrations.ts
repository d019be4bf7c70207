/**
 * Append-only schema migrations. Never edit a released migration: add the next one.
 * `user_version` holds the applied count; a database newer than this code is refused.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the hall's core records.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    service_id TEXT NOT NULL,
    seq INTEGER,
    number TEXT NOT NULL,
    priority TEXT NOT NULL,
    priority_reason TEXT,
    status TEXT NOT NULL,
    close_reason TEXT,
    track_token TEXT NOT NULL,
    arrived_at INTEGER NOT NULL,
    issued_at INTEGER NOT NULL,
    due_at INTEGER,
    target_window_id TEXT,
    return_service_id TEXT,
    is_return INTEGER NOT NULL DEFAULT 0,
    previous_id TEXT REFERENCES tickets(id),
    window_id TEXT,
    staff_id TEXT,
    called_at INTEGER,
    first_called_at INTEGER,
    call_count INTEGER NOT NULL DEFAULT 0,
    finished_at INTEGER,
    parked_until INTEGER,
    note TEXT,
    person_hash TEXT,
    person_masked TEXT,
    name_masked TEXT,
    kiosk_id TEXT,
    waiting_ahead INTEGER NOT NULL DEFAULT 0,
    estimated_wait_minutes INTEGER NOT NULL DEFAULT 0
  );
  -- One number per service per day, whatever happens: the database refuses a duplicate.
  CREATE UNIQUE INDEX tickets_daily_number ON tickets(day, service_id, seq) WHERE seq IS NOT NULL;
  -- At most one visitor at a window: the database refuses a second current ticket.
  CREATE UNIQUE INDEX tickets_one_current_per_window ON tickets(window_id) WHERE status = 'called';
  CREATE INDEX tickets_active ON tickets(status, service_id) WHERE status IN ('waiting', 'called', 'parked');
  CREATE INDEX tickets_by_day ON tickets(day, service_id);
  CREATE INDEX tickets_by_track ON tickets(track_token);
  CREATE INDEX tickets_by_person ON tickets(person_hash, day) WHERE person_hash IS NOT NULL;

  CREATE TABLE calls (
    seq INTEGER PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    window_id TEXT NOT NULL,
    staff_id TEXT,
    is_recall INTEGER NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX calls_by_ticket ON calls(ticket_id);

  CREATE TABLE window_status (
    window_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    staff_id TEXT,
    pause_reason TEXT,
    pause_note TEXT,
    since INTEGER NOT NULL,
    is_auto_call INTEGER NOT NULL DEFAULT 0,
    current_ticket_id TEXT REFERENCES tickets(id)
  );

  CREATE TABLE ratings (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets(id),
    service_id TEXT NOT NULL,
    window_id TEXT NOT NULL,
    staff_id TEXT,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    tags TEXT NOT NULL DEFAULT '[]',
    comment TEXT,
    channel TEXT NOT NULL,
    finished_at INTEGER NOT NULL,
    rated_at INTEGER NOT NULL
  );
  CREATE INDEX ratings_by_time ON ratings(rated_at);

  CREATE TABLE staff (
    username TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER
  );

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES staff(username),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );

  CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  );

  CREATE TABLE appointments (
    code TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    slot_start INTEGER NOT NULL,
    slot_end INTEGER NOT NULL,
    person_hash TEXT,
    person_masked TEXT,
    name_masked TEXT,
    ticket_id TEXT REFERENCES tickets(id),
    created_at INTEGER NOT NULL
  );

  -- The audit log (电子监察): every change, who made it, when. Append-only; its rowid is the hub's sequence.
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  `,
  // 2: the manager console (issue #6): 电子监察 alerts, 差评 follow-ups with appeals, holidays, live config
  // edits, uploads to the provincial 好差评 platform, and indexes that keep a year of reports fast.
  `
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    -- kind:subject:since — one alert per occurrence of a condition, however often the rules run.
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    service_id TEXT,
    window_id TEXT,
    limit_minutes INTEGER,
    since INTEGER NOT NULL,
    raised_at INTEGER NOT NULL,
    cleared_at INTEGER,
    acknowledged_at INTEGER,
    acknowledged_by TEXT,
    note TEXT
  );
  CREATE INDEX alerts_unacknowledged ON alerts(raised_at) WHERE acknowledged_at IS NULL;
  CREATE INDEX alerts_uncleared ON alerts(kind) WHERE cleared_at IS NULL;
  CREATE INDEX alerts_by_time ON alerts(raised_at);

  -- One follow-up per 差评; the rating row is never changed or deleted, an accepted appeal only marks it here.
  CREATE TABLE followups (
    id TEXT PRIMARY KEY,
    rating_id TEXT NOT NULL UNIQUE REFERENCES ratings(id),
    assignee TEXT,
    opened_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    callback_at INTEGER,
    callback_note TEXT,
    remedy_at INTEGER,
    remedy_note TEXT,
    feedback_at INTEGER,
    feedback_note TEXT,
    closed_at INTEGER,
    appeal_status TEXT NOT NULL DEFAULT 'none' CHECK (appeal_status IN ('none', 'pending', 'accepted', 'rejected')),
    appeal_reason TEXT,
    appeal_by TEXT,
    appeal_at INTEGER,
    appeal_decision_note TEXT,
    appeal_decided_by TEXT,
    appeal_decided_at INTEGER
  );
  CREATE INDEX followups_open ON followups(due_at) WHERE status = 'open';
  CREATE INDEX followups_by_opened ON followups(opened_at);

  CREATE TABLE holidays (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
  );

  -- Admin edits that outlive the config file (services and windows layout, manager settings), applied at start.
  CREATE TABLE config_overrides (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
  );

  CREATE TABLE rating_uploads (
    rating_id TEXT PRIMARY KEY REFERENCES ratings(id),
    uploader TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    reference TEXT
  );

  -- Reports scan a date range by day; these covering indexes answer them without touching table rows.
  CREATE INDEX tickets_report ON tickets(day, service_id, window_id, status, seq, issued_at, first_called_at, finished_at);
  CREATE INDEX tickets_report_by_staff ON tickets(day, staff_id) WHERE staff_id IS NOT NULL;
  CREATE INDEX ratings_by_ticket_score ON ratings(ticket_id, score, service_id, window_id, staff_id);
  `,
  // 3: reports on a year answer in well under a second (issue #6): one digest per closed day — counts and the
  // exact wait/service distributions by service, window and hour, and the rating counts — filled on demand
  // and by a background warm-up (server/storage/report-cache-repo.ts). The triggers delete a day's digests when
  // anything of that day changes, so a stored digest is never stale.
  `
  CREATE TABLE report_days (
    day TEXT NOT NULL,
    offset_ms INTEGER NOT NULL,
    keys TEXT NOT NULL,
    facts BLOB NOT NULL,
    ratings TEXT NOT NULL,
    PRIMARY KEY (day, offset_ms)
  ) WITHOUT ROWID;
  CREATE TRIGGER report_days_ticket_insert AFTER INSERT ON tickets BEGIN
    DELETE FROM report_days WHERE day = NEW.day;
  END;
  CREATE TRIGGER report_days_ticket_update AFTER UPDATE ON tickets BEGIN
    DELETE FROM report_days WHERE day IN (OLD.day, NEW.day);
  END;
  CREATE TRIGGER report_days_ticket_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM report_days WHERE day = OLD.day;
  END;
  CREATE TRIGGER report_days_rating_insert AFTER INSERT ON ratings BEGIN
    DELETE FROM report_days WHERE day = (SELECT day FROM tickets WHERE id = NEW.ticket_id);
  END;
  CREATE TRIGGER report_days_rating_update AFTER UPDATE ON ratings BEGIN
    DELETE FROM report_days WHERE day IN (SELECT day FROM tickets WHERE id IN (OLD.ticket_id, NEW.ticket_id));
  END;
  CREATE TRIGGER report_days_rating_delete AFTER DELETE ON ratings BEGIN
    DELETE FROM report_days WHERE day = (SELECT day FROM tickets WHERE id = OLD.ticket_id);
  END;
  CREATE TRIGGER report_days_followup_insert AFTER INSERT ON followups BEGIN
    DELETE FROM report_days WHERE day = (SELECT t.day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id = NEW.rating_id);
  END;
  CREATE TRIGGER report_days_followup_update AFTER UPDATE OF rating_id, appeal_status ON followups BEGIN
    DELETE FROM report_days WHERE day IN (SELECT t.day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id IN (OLD.rating_id, NEW.rating_id));
  END;
  CREATE TRIGGER report_days_followup_delete AFTER DELETE ON followups BEGIN
    DELETE FROM report_days WHERE day = (SELECT t.day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id = OLD.rating_id);
  END;
  `,
  // 4: fewer pages written per commit (issue #8, docs/performance.md). tickets_by_day repeated the first
  // columns of tickets_report. Idempotency records are keyed by (key, scope): keys start with the time
  // (newIdempotencyKey), so a batch of replies lands on the last page of the index, not on random pages.
  `
  DROP INDEX tickets_by_day;
  CREATE TABLE idempotency_by_key (
    key TEXT NOT NULL,
    scope TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (key, scope)
  );
  INSERT INTO idempotency_by_key (key, scope, request_hash, status, response, created_at)
    SELECT key, scope, request_hash, status, response, created_at FROM idempotency;
  DROP TABLE idempotency;
  ALTER TABLE idempotency_by_key RENAME TO idempotency;
  `,
  // 5: two pages fewer per commit (issue #8). The log's AUTOINCREMENT rewrote sqlite_sequence on every
  // commit although the hub numbers facts itself (HallRepo.nextSeq) and the triggers refuse deletes, so a
  // sequence number can never come back. Idempotency records live in their primary key's B-tree (WITHOUT
  // ROWID): one page per record instead of a table page plus an index page.
  `
  CREATE TABLE events_numbered (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
  );
  INSERT INTO events_numbered (seq, at, actor, type, data) SELECT seq, at, actor, type, data FROM events ORDER BY seq;
  DROP TABLE events;
  ALTER TABLE events_numbered RENAME TO events;
  CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

  CREATE TABLE idempotency_clustered (
    key TEXT NOT NULL,
    scope TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (key, scope)
  ) WITHOUT ROWID;
  INSERT INTO idempotency_clustered (key, scope, request_hash, status, response, created_at)
    SELECT key, scope, request_hash, status, response, created_at FROM idempotency;
  DROP TABLE idempotency;
  ALTER TABLE idempotency_clustered RENAME TO idempotency;
  `,
  // 6: the city uplink (issue #16, docs/uplink.md). Every hall database gets a generation on its first open
  // (here), and a new one on every restore, so the centre never mistakes a rewound log for duplicates.
  // The centre's acknowledged mark per generation, the link's last state, and the centre's 督办 notes.
  `
  CREATE TABLE uplink_generations (
    ord INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    parent TEXT,
    fork_seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    reason TEXT NOT NULL
  );
  INSERT INTO uplink_generations (id, parent, fork_seq, created_at, reason)
    VALUES (lower(hex(randomblob(16))), NULL, 0, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 'first-open');
  CREATE TABLE uplink_marks (
    generation TEXT PRIMARY KEY REFERENCES uplink_generations(id),
    acked_seq INTEGER NOT NULL,
    is_done INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE uplink_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL,
    last_contact_at INTEGER,
    last_ack_at INTEGER,
    next_attempt_at INTEGER,
    last_error_code TEXT,
    last_error TEXT,
    last_error_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE supervision_notes (
    id TEXT PRIMARY KEY,
    followup_id TEXT NOT NULL,
    text TEXT NOT NULL,
    by_user TEXT NOT NULL,
    at INTEGER NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX supervision_notes_by_time ON supervision_notes(received_at);
  `,
  // 好差评 delivery to the province (docs/province.md): the 办件 on a ticket, and the outbox of records,
  // one row per rating version and case, written in the rating's (or the change's) own transaction.
  `
  CREATE TABLE province_cases (
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    case_number TEXT NOT NULL,
    user_prop INTEGER,
    source TEXT NOT NULL,
    attached_at INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, case_number)
  );
  CREATE TABLE province_outbox (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL UNIQUE,
    rating_id TEXT NOT NULL REFERENCES ratings(id),
    version INTEGER NOT NULL,
    case_index INTEGER NOT NULL,
    case_number TEXT,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    reason TEXT,
    platform_id TEXT,
    corrections TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    acked_at INTEGER,
    UNIQUE (rating_id, version, case_index)
  );
  CREATE INDEX province_outbox_due ON province_outbox(state, next_at, ord);
  `,
  // 人员考核 (issue 19): one digest per closed day of every clerk's and window's figures — served, handling
  // times, no-shows, recalls, transfers, ratings, and on-duty / idle / pause time from the event log's window
  // states (server/domain/clerk-day.ts). Past days are filled from the event log by the manager's background
  // warm-up after the upgrade and on demand (server/storage/clerk-days-repo.ts); as for report_days, the
  // triggers drop a day's digest when anything of that day changes, so a stored one is never stale. The
  // partial index holds just the window states' fields, so a day's states are read from it alone (scanning a
  // busy day's whole log, JSON and all, made a year's first report take minutes); only window facts pay for it.
  `
  CREATE INDEX events_window_states ON events(type, at, actor, json_extract(data, '$.window.id'),
    json_extract(data, '$.window.state'), json_extract(data, '$.window.pauseReason')) WHERE type = 'window:updated';
  CREATE TABLE clerk_days (
    day TEXT NOT NULL,
    offset_ms INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (day, offset_ms)
  ) WITHOUT ROWID;
  CREATE TRIGGER clerk_days_ticket_insert AFTER INSERT ON tickets BEGIN
    DELETE FROM clerk_days WHERE day = NEW.day;
  END;
  CREATE TRIGGER clerk_days_ticket_update AFTER UPDATE ON tickets BEGIN
    DELETE FROM clerk_days WHERE day IN (OLD.day, NEW.day);
  END;
  CREATE TRIGGER clerk_days_ticket_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM clerk_days WHERE day = OLD.day;
  END;
  CREATE TRIGGER clerk_days_rating_insert AFTER INSERT ON ratings BEGIN
    DELETE FROM clerk_days WHERE day = (SELECT day FROM tickets WHERE id = NEW.ticket_id);
  END;
  CREATE TRIGGER clerk_days_rating_update AFTER UPDATE ON ratings BEGIN
    DELETE FROM clerk_days WHERE day IN (SELECT day FROM tickets WHERE id IN (OLD.ticket_id, NEW.ticket_id));
  END;
  CREATE TRIGGER clerk_days_rating_delete AFTER DELETE ON ratings BEGIN
    DELETE FROM clerk_days WHERE day = (SELECT day FROM tickets WHERE id = OLD.ticket_id);
  END;
  CREATE TRIGGER clerk_days_followup_insert AFTER INSERT ON followups BEGIN
    DELETE FROM clerk_days WHERE day = (SELECT t.day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id = NEW.rating_id);
  END;
  CREATE TRIGGER clerk_days_followup_update AFTER UPDATE OF rating_id, appeal_status ON followups BEGIN
    DELETE FROM clerk_days WHERE day IN (SELECT t.day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id IN (OLD.rating_id, NEW.rating_id));
  END;
  CREATE TRIGGER clerk_days_followup_delete AFTER DELETE ON followups BEGIN
    DELETE FROM clerk_days WHERE day = (SELECT t.day FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.id = OLD.rating_id);
  END;
  `,
  // The audit search by kind (操作日志, server/storage/audit-repo.ts): the kinds a 督查 asks about over a year
  // (强制关窗, admin edits, alerts, follow-ups) are rare, the ticket facts are most of the log. A partial index
  // holds only the rare ones, so a commit of a ticket fact (most commits) writes no extra page.
  `
  CREATE INDEX events_rare_by_kind ON events(type, seq)
    WHERE type NOT IN ('ticket:issued', 'ticket:called', 'ticket:updated', 'window:updated', 'rating:recorded');
  `,
  // Who closed a 差评 follow-up (the manager recording the last step, or deciding an appeal): the console's
  // history of closed follow-ups says it (issue 19). Older closed rows keep NULL: the audit log has them.
  `
  ALTER TABLE followups ADD COLUMN closed_by TEXT;
  `,
  // Terminal health (issue 19, item 5; storage/terminals-repo.ts): each hall page that said hello, whether it
  // is online and since when, so a restart still knows which screen was dark and since when.
  `
  CREATE TABLE terminals (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    is_online INTEGER NOT NULL,
    since INTEGER NOT NULL,
    page_version TEXT NOT NULL,
    has_left INTEGER NOT NULL DEFAULT 0,
    fault_code TEXT,
    fault_active INTEGER,
    fault_at INTEGER
  );
  `,
  // Who recorded each 差评 follow-up step (回访, 整改, 反馈; issue 20): the console's follow-up history names the
  // person. A staff username, as closed_by; older steps keep NULL (the audit log has who). It stays in the hall:
  // the uplink's allow-list (domain/uplink-projection.ts) does not name these fields.
  `
  ALTER TABLE followups ADD COLUMN callback_by TEXT;
  ALTER TABLE followups ADD COLUMN remedy_by TEXT;
  ALTER TABLE followups ADD COLUMN feedback_by TEXT;
  `,
  // A terminal's own fault is an alert (terminal-fault, domain/terminal-rules.ts): which fault, for the console to
  // word, and when a response is due by the hall's 故障分级响应 targets. NULL for every other kind.
  `
  ALTER TABLE alerts ADD COLUMN fault_code TEXT;
  ALTER TABLE alerts ADD COLUMN due_at INTEGER;
  `,
];
