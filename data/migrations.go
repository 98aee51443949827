package data

import "fmt"

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
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int { return len(migrations) }

func (s *Store) migrate() error {
	var v int
	if err := s.db.Get(&v, "PRAGMA user_version"); err != nil {
		return fmt.Errorf("无法读取数据版本：%w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("%w（数据版本 %d）", ErrTooNew, v)
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.Beginx()
		if err != nil {
			return fmt.Errorf("无法升级数据（第 %d 步）：%w", i+1, err)
		}
		if _, err := tx.Exec(migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("无法升级数据（第 %d 步）：%w", i+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("无法升级数据（第 %d 步）：%w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("无法升级数据（第 %d 步）：%w", i+1, err)
		}
	}
	return nil
}
