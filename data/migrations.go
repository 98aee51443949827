package data

import (
	"context"
	"fmt"
	"time"
)

// migrations are applied in order; migration i brings the schema to version i+1
// (kept in PRAGMA user_version). Never edit a released step: add a new one.
var migrations = []string{
	// 1: settings, records, audit trail.
	`
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE communities (
	id              INTEGER PRIMARY KEY,
	uuid            TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	division_code   TEXT NOT NULL DEFAULT '',
	founded         TEXT NOT NULL DEFAULT '',
	area            TEXT NOT NULL DEFAULT '',
	households      TEXT NOT NULL DEFAULT '',
	population      TEXT NOT NULL DEFAULT '',
	grids           TEXT NOT NULL DEFAULT '',
	secretary       TEXT NOT NULL DEFAULT '',
	secretary_phone TEXT NOT NULL DEFAULT '',
	director        TEXT NOT NULL DEFAULT '',
	director_phone  TEXT NOT NULL DEFAULT '',
	address         TEXT NOT NULL DEFAULT '',
	work_method     TEXT NOT NULL DEFAULT '',
	social_orgs     TEXT NOT NULL DEFAULT '',
	self_orgs       TEXT NOT NULL DEFAULT '',
	volunteer_teams TEXT NOT NULL DEFAULT '',
	enterprises     TEXT NOT NULL DEFAULT '',
	office_buildings TEXT NOT NULL DEFAULT '',
	business_streets TEXT NOT NULL DEFAULT '',
	incubators      TEXT NOT NULL DEFAULT '',
	activities      TEXT NOT NULL DEFAULT '',
	notes           TEXT NOT NULL DEFAULT '',
	demo            INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	deleted_at      TEXT
);
CREATE UNIQUE INDEX communities_name ON communities(name) WHERE deleted_at IS NULL;

CREATE TABLE compounds (
	id              INTEGER PRIMARY KEY,
	uuid            TEXT NOT NULL UNIQUE,
	community_id    INTEGER NOT NULL REFERENCES communities(id),
	name            TEXT NOT NULL,
	address         TEXT NOT NULL DEFAULT '',
	kind            TEXT NOT NULL DEFAULT '',
	year_built      INTEGER NOT NULL DEFAULT 0,
	buildings       TEXT NOT NULL DEFAULT '',
	households      TEXT NOT NULL DEFAULT '',
	residents       TEXT NOT NULL DEFAULT '',
	property_company TEXT NOT NULL DEFAULT '',
	property_contact TEXT NOT NULL DEFAULT '',
	property_phone  TEXT NOT NULL DEFAULT '',
	owners_committee INTEGER NOT NULL DEFAULT 0,
	committee_chair TEXT NOT NULL DEFAULT '',
	committee_formed TEXT NOT NULL DEFAULT '',
	governance_method TEXT NOT NULL DEFAULT '',
	notes           TEXT NOT NULL DEFAULT '',
	demo            INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	deleted_at      TEXT
);
CREATE UNIQUE INDEX compounds_name ON compounds(community_id, name) WHERE deleted_at IS NULL;
CREATE INDEX compounds_community ON compounds(community_id);

CREATE TABLE orgs (
	id              INTEGER PRIMARY KEY,
	uuid            TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	kind            TEXT NOT NULL,
	parent_id       INTEGER REFERENCES orgs(id),
	community_id    INTEGER NOT NULL REFERENCES communities(id),
	compound_id     INTEGER REFERENCES compounds(id),
	secretary       TEXT NOT NULL DEFAULT '',
	secretary_phone TEXT NOT NULL DEFAULT '',
	members         TEXT NOT NULL DEFAULT '',
	founded         TEXT NOT NULL DEFAULT '',
	last_election   TEXT NOT NULL DEFAULT '',
	term_years      INTEGER NOT NULL DEFAULT 0,
	notes           TEXT NOT NULL DEFAULT '',
	demo            INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	deleted_at      TEXT
);
CREATE UNIQUE INDEX orgs_name ON orgs(community_id, IFNULL(parent_id, 0), name) WHERE deleted_at IS NULL;
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_compound ON orgs(compound_id);

CREATE TABLE audit (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	operator    TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   INTEGER NOT NULL,
	entity_uuid TEXT NOT NULL DEFAULT '',
	record      TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL,
	changes     TEXT NOT NULL DEFAULT '[]',
	reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_at ON audit(at);
`,
	// 2: selection rounds: rounds with categories, criteria and veto items;
	// nominations with versions and attachments; reviewers, conflicts and
	// score sheets; objections; certificates; the office's calendar overrides.
	`
CREATE TABLE rounds (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	year          INTEGER NOT NULL,
	title         TEXT NOT NULL,
	organizer     TEXT NOT NULL DEFAULT '',
	deadline      TEXT NOT NULL DEFAULT '',
	notice_days   INTEGER NOT NULL DEFAULT 5,
	text_limit    INTEGER NOT NULL DEFAULT 2000,
	bonus_cap     TEXT NOT NULL DEFAULT '0',
	bonus_note    TEXT NOT NULL DEFAULT '',
	notice_start  TEXT NOT NULL DEFAULT '',
	notice_end    TEXT NOT NULL DEFAULT '',
	named_on      TEXT NOT NULL DEFAULT '',
	cert_template TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	demo          INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE TABLE round_categories (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES rounds(id),
	position     INTEGER NOT NULL DEFAULT 0,
	name         TEXT NOT NULL,
	nominee_kind TEXT NOT NULL,
	quota        INTEGER NOT NULL DEFAULT 0,
	cert_pattern TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX round_categories_name ON round_categories(round_id, name);
CREATE TABLE round_criteria (
	id          INTEGER PRIMARY KEY,
	round_id    INTEGER NOT NULL REFERENCES rounds(id),
	position    INTEGER NOT NULL DEFAULT 0,
	name        TEXT NOT NULL,
	max         TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE round_vetoes (
	id       INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES rounds(id),
	position INTEGER NOT NULL DEFAULT 0,
	text     TEXT NOT NULL
);
CREATE TABLE nominations (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	round_id      INTEGER NOT NULL REFERENCES rounds(id),
	category_id   INTEGER NOT NULL REFERENCES round_categories(id),
	nominee_kind  TEXT NOT NULL,
	community_id  INTEGER NOT NULL REFERENCES communities(id),
	compound_id   INTEGER REFERENCES compounds(id),
	nominee_uuid  TEXT NOT NULL,
	nominee_name  TEXT NOT NULL,
	state         TEXT NOT NULL,
	methods       TEXT NOT NULL DEFAULT '',
	highlights    TEXT NOT NULL DEFAULT '',
	self_scores   TEXT NOT NULL DEFAULT '{}',
	contact       TEXT NOT NULL DEFAULT '',
	contact_phone TEXT NOT NULL DEFAULT '',
	opinion       TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 0,
	state_reason  TEXT NOT NULL DEFAULT '',
	state_at      TEXT NOT NULL DEFAULT '',
	submitted_at  TEXT NOT NULL DEFAULT '',
	demo          INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX nominations_round ON nominations(round_id, category_id);
CREATE INDEX nominations_community ON nominations(community_id);
CREATE INDEX nominations_compound ON nominations(compound_id);
CREATE TABLE nomination_versions (
	id            INTEGER PRIMARY KEY,
	nomination_id INTEGER NOT NULL REFERENCES nominations(id),
	version       INTEGER NOT NULL,
	at            TEXT NOT NULL,
	operator      TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT '',
	snapshot      TEXT NOT NULL,
	UNIQUE(nomination_id, version)
);
CREATE TABLE attachments (
	id            INTEGER PRIMARY KEY,
	nomination_id INTEGER NOT NULL REFERENCES nominations(id),
	name          TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	ext           TEXT NOT NULL,
	size          INTEGER NOT NULL,
	added_at      TEXT NOT NULL,
	removed_at    TEXT
);
CREATE INDEX attachments_nomination ON attachments(nomination_id);
CREATE TABLE reviewers (
	id         INTEGER PRIMARY KEY,
	uuid       TEXT NOT NULL UNIQUE,
	round_id   INTEGER NOT NULL REFERENCES rounds(id),
	position   INTEGER NOT NULL DEFAULT 0,
	name       TEXT NOT NULL,
	unit       TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX reviewers_name ON reviewers(round_id, name);
CREATE TABLE conflicts (
	id           INTEGER PRIMARY KEY,
	reviewer_id  INTEGER NOT NULL REFERENCES reviewers(id),
	community_id INTEGER REFERENCES communities(id),
	compound_id  INTEGER REFERENCES compounds(id),
	reason       TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL
);
CREATE INDEX conflicts_reviewer ON conflicts(reviewer_id);
CREATE TABLE score_sheets (
	id            INTEGER PRIMARY KEY,
	nomination_id INTEGER NOT NULL REFERENCES nominations(id),
	reviewer_id   INTEGER NOT NULL REFERENCES reviewers(id),
	scores        TEXT NOT NULL,
	bonus         TEXT NOT NULL DEFAULT '0',
	veto          INTEGER NOT NULL DEFAULT 0,
	note          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	UNIQUE(nomination_id, reviewer_id)
);
CREATE TABLE objections (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	round_id      INTEGER NOT NULL REFERENCES rounds(id),
	nomination_id INTEGER NOT NULL REFERENCES nominations(id),
	received      TEXT NOT NULL,
	channel       TEXT NOT NULL,
	from_kind     TEXT NOT NULL,
	from_name     TEXT NOT NULL DEFAULT '',
	content       TEXT NOT NULL,
	check_notes   TEXT NOT NULL DEFAULT '',
	outcome       TEXT NOT NULL DEFAULT '',
	outcome_date  TEXT NOT NULL DEFAULT '',
	demo          INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX objections_nomination ON objections(nomination_id);
CREATE TABLE certificates (
	id            INTEGER PRIMARY KEY,
	round_id      INTEGER NOT NULL REFERENCES rounds(id),
	category_id   INTEGER NOT NULL REFERENCES round_categories(id),
	seq           INTEGER NOT NULL,
	number        TEXT NOT NULL UNIQUE,
	nomination_id INTEGER NOT NULL REFERENCES nominations(id),
	issued_at     TEXT NOT NULL,
	revoked_at    TEXT NOT NULL DEFAULT '',
	UNIQUE(category_id, seq)
);
CREATE TABLE holidays (
	id         INTEGER PRIMARY KEY,
	date       TEXT NOT NULL UNIQUE,
	work       INTEGER NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
`,
	// 3: exchange bookkeeping: the last version received of each record, and
	// old UUIDs kept as aliases when two copies' records were linked by name.
	`
CREATE TABLE IF NOT EXISTS exchange_base (
	entity TEXT NOT NULL,
	uuid   TEXT NOT NULL,
	digest TEXT NOT NULL,
	at     TEXT NOT NULL,
	PRIMARY KEY (entity, uuid)
);
CREATE TABLE IF NOT EXISTS exchange_alias (
	entity   TEXT NOT NULL,
	old_uuid TEXT NOT NULL,
	uuid     TEXT NOT NULL,
	at       TEXT NOT NULL,
	PRIMARY KEY (entity, old_uuid)
);
`,
	// 4: the age of what the exchange took in: per record (or nomination)
	// and sending copy, the highest version and latest change time received,
	// so an older file opened after a newer one is recognised and not
	// applied; and this copy's own identity (exchange_copy), sent in its files.
	`
CREATE TABLE IF NOT EXISTS exchange_seen (
	entity     TEXT NOT NULL,
	uuid       TEXT NOT NULL,
	source     TEXT NOT NULL,
	rev        INTEGER NOT NULL,
	changed_at TEXT NOT NULL,
	at         TEXT NOT NULL,
	PRIMARY KEY (entity, uuid, source)
);
CREATE TABLE IF NOT EXISTS exchange_copy (
	id TEXT NOT NULL PRIMARY KEY
);
INSERT INTO exchange_copy (id) SELECT lower(hex(randomblob(16))) WHERE NOT EXISTS (SELECT 1 FROM exchange_copy);
`,
	// 5: 发文字号 issued: one per 机关代字, year and number, one per round and
	// document; a reprint prints the recorded number.
	`
CREATE TABLE IF NOT EXISTS wenhao (
	id         INTEGER PRIMARY KEY,
	daizi      TEXT NOT NULL,
	year       INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	doc        TEXT NOT NULL,
	round_id   INTEGER NOT NULL REFERENCES rounds(id),
	issued_on  TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (daizi, year, seq),
	UNIQUE (round_id, doc)
);
`,
	// 6: frozen submissions: each submitted or amended version's snapshot of
	// what its 申报表 prints, as JSON with its SHA-256 (snapshot.go). The
	// step's code (stepCode) gives the nominations already submitted a
	// snapshot of their current version, from the day's values, audited.
	stepSnapshots,
	// 7: guarded steps and the panel's truth: an objection received outside
	// the notice period is taken only as 逾期受理 with a reason; a reviewer
	// can be marked absent for the round with a reason.
	`
ALTER TABLE objections ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
ALTER TABLE objections ADD COLUMN late_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE reviewers ADD COLUMN absent_reason TEXT NOT NULL DEFAULT '';
`,
	// 8: the panel's disagreement threshold and whether its comments
	// go back to nominees (round_panel); reviewers' related communities;
	// the clerk's decision on each suggested recusal; the note recorded when
	// the ranking was confirmed with open disagreement flags; and, on a
	// community's copy, the feedback the office sent for its nominations.
	`
CREATE TABLE IF NOT EXISTS round_panel (
	round_id         INTEGER PRIMARY KEY REFERENCES rounds(id),
	spread_threshold TEXT NOT NULL DEFAULT '',
	share_comments   INTEGER NOT NULL DEFAULT 0,
	updated_at       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reviewer_relations (
	reviewer_id  INTEGER NOT NULL REFERENCES reviewers(id),
	community_id INTEGER NOT NULL REFERENCES communities(id),
	PRIMARY KEY (reviewer_id, community_id)
);
CREATE TABLE IF NOT EXISTS conflict_decisions (
	id            INTEGER PRIMARY KEY,
	reviewer_id   INTEGER NOT NULL REFERENCES reviewers(id),
	nomination_id INTEGER NOT NULL REFERENCES nominations(id),
	basis         TEXT NOT NULL,
	accepted      INTEGER NOT NULL,
	reason        TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	UNIQUE (reviewer_id, nomination_id)
);
CREATE TABLE IF NOT EXISTS ranking_notes (
	id         INTEGER PRIMARY KEY,
	round_id   INTEGER NOT NULL REFERENCES rounds(id),
	note       TEXT NOT NULL,
	flags      TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS received_feedback (
	nomination_id INTEGER PRIMARY KEY REFERENCES nominations(id),
	body          TEXT NOT NULL,
	sender        TEXT NOT NULL,
	received_at   TEXT NOT NULL
);
`,
	// 9: yearly snapshots (年度快照, yearly.go): each distinct record version
	// once, keyed by its hash and deflated; a snapshot lists the versions it
	// holds and keeps the report's figures computed when it was taken.
	`
CREATE TABLE IF NOT EXISTS yearly_records (
	id   INTEGER PRIMARY KEY,
	hash BLOB NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS yearly_snapshots (
	id              INTEGER PRIMARY KEY,
	name            TEXT NOT NULL UNIQUE,
	taken_at        TEXT NOT NULL,
	auto            INTEGER NOT NULL DEFAULT 0,
	records         BLOB NOT NULL,
	columns         TEXT NOT NULL,
	figures         TEXT NOT NULL,
	figures_version INTEGER NOT NULL,
	n_communities   INTEGER NOT NULL,
	n_compounds     INTEGER NOT NULL,
	n_orgs          INTEGER NOT NULL
);
`,
	// 10: attachments' contents inside the database, by SHA-256: used on the
	// office server (attachments.go), where every clerk's PC must see them;
	// the data folder keeps them as files beside the database and leaves
	// this table empty.
	`
CREATE TABLE IF NOT EXISTS attachment_files (
	sha256 TEXT PRIMARY KEY,
	data   BLOB NOT NULL
);
`,
	// 11: each record's version, bumped by every save: a save made from an
	// older version than the stored one (another clerk saved meanwhile) is
	// refused with who and when (save.go).
	`
ALTER TABLE communities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE compounds ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE orgs ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
`,
	// 12: the account that made each change: on the office server the
	// database fills it with the login (current_user, pgAfter), so it holds
	// whichever client wrote; in a data folder it stays empty.
	stepAuditAccount,
}

const stepAuditAccount = `
ALTER TABLE audit ADD COLUMN account TEXT NOT NULL DEFAULT '';
`

// pgAfter is PostgreSQL-only SQL run right after a step's SQL.
var pgAfter = map[string]string{
	stepAuditAccount: `ALTER TABLE audit ALTER COLUMN account SET DEFAULT current_user`,
}

const stepSnapshots = `
CREATE TABLE IF NOT EXISTS nomination_snapshots (
	id            INTEGER PRIMARY KEY,
	nomination_id INTEGER NOT NULL REFERENCES nominations(id),
	version       INTEGER NOT NULL,
	taken_at      TEXT NOT NULL,
	source        TEXT NOT NULL,
	data          TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	UNIQUE(nomination_id, version)
);
`

// stepCode is Go run right after a step's SQL, in the same transaction,
// keyed by the step's SQL (so it follows the step wherever it sits).
var stepCode = map[string]func(tx *Tx) error{
	stepSnapshots: backfillSnapshots,
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int { return len(migrations) }

func (s *Store) migrate() error {
	d := s.db.d
	v, err := d.schemaVersion(s.db)
	if err != nil {
		return fmt.Errorf("无法读取数据版本：%w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("%w（数据版本 %d，本程序只认识到 %d），请升级程序；数据未作任何改动", ErrTooNew, v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		if err := s.migrateStep(i); err != nil {
			return fmt.Errorf("无法升级数据（第 %d 步）：%w", i+1, err)
		}
	}
	return nil
}

// migrateStep applies migration i in one transaction with its step code and
// the new schema version.
func (s *Store) migrateStep(i int) error {
	d := s.db.d
	tx, err := s.db.begin(context.Background())
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := d.lockSchema(tx); err != nil {
		return err
	}
	if v, err := d.schemaVersion(tx); err != nil || v > i {
		return err // another client applied it meanwhile (PostgreSQL)
	}
	if _, err := tx.Tx.Exec(d.ddl(migrations[i])); err != nil {
		return err
	}
	if extra := pgAfter[migrations[i]]; d.pg && extra != "" {
		if _, err := tx.Tx.Exec(extra); err != nil {
			return err
		}
	}
	if code := stepCode[migrations[i]]; code != nil {
		if err := code(&Tx{q: tx, s: s, at: s.now().Format(time.RFC3339)}); err != nil {
			return err
		}
	}
	if err := d.setSchemaVersion(tx, i+1); err != nil {
		return err
	}
	return tx.Commit()
}
