package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jmoiron/sqlx"
)

// CopyReport is what a store copy copied, table by table, as checked on
// both sides after the copy.
type CopyReport struct {
	Tables      []TableSum
	Attachments int
}

// Rows is the number of rows copied in all.
func (r CopyReport) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// CopyStore copies everything in src (records, rounds, scores, the audit
// trail, attachments, settings, this copy's exchange identity) into dst,
// which must hold no data: the data folder to the office server or back.
// dst is written in one transaction; afterwards every table's count and
// hash, and every attachment's content, are compared on both sides.
func CopyStore(src, dst *Store) (CopyReport, error) {
	var rep CopyReport
	if t, err := holdsData(dst.db); err != nil {
		return rep, fmt.Errorf("无法检查%s：%w", dst.Where(), err)
	} else if t != "" {
		return rep, fmt.Errorf("%s已有数据（表“%s”不是空的），不能复制到这里：请用一个新建的空数据库或空文件夹", dst.Where(), t)
	}
	rt, err := src.readTx()
	if err != nil {
		return rep, fmt.Errorf("无法读取%s：%w", src.Where(), err)
	}
	defer rt.Rollback()
	wt, err := dst.db.begin(context.Background())
	if err != nil {
		return rep, fmt.Errorf("无法写入%s：%w", dst.Where(), err)
	}
	defer wt.Rollback()
	if err := dst.db.d.lockWrite(wt); err != nil {
		return rep, err
	}
	var accounts []AuditEntry // the server's account changes stay, after the copied trail
	if err := wt.Select(&accounts, `SELECT * FROM audit WHERE entity = 'account' ORDER BY id`); err != nil {
		return rep, err
	}
	if err := replaceAll(src, rt, dst, wt); err != nil {
		return rep, err
	}
	for _, a := range accounts {
		if _, err := wt.NamedExec(`INSERT INTO audit (at, operator, entity, entity_id, entity_uuid, record, action, changes, reason, account)
			VALUES (:at, :operator, :entity, :entity_id, :entity_uuid, :record, :action, :changes, :reason, :account)`, a); err != nil {
			return rep, err
		}
	}
	if err := wt.Commit(); err != nil {
		return rep, fmt.Errorf("无法写入%s：%w", dst.Where(), err)
	}
	dst.gen.Add(1)
	return checkCopy(src, rt, dst)
}

// readTx is a consistent read of the whole store.
func (s *Store) readTx() (*txq, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.db.d.pg {
		opts.Isolation = sql.LevelRepeatableRead
	}
	t, err := s.db.DB.BeginTxx(context.Background(), opts)
	if err != nil {
		return nil, err
	}
	return &txq{Tx: t, d: s.db.d}, nil
}

// replaceAll replaces everything in dst, through its write transaction wt (which
// holds the writers' lock), with what src's read rt sees: every table, then
// the attachments' contents.
func replaceAll(src *Store, rt *txq, dst *Store, wt *txq) error {
	if err := emptyTables(wt); err != nil {
		return err
	}
	if err := copyTables(rt, wt); err != nil {
		return err
	}
	return copyAttachmentFiles(src, rt, dst, wt)
}

// attachmentKeys lists the distinct stored files (SHA-256 and extension).
func attachmentKeys(q queryer) ([]Attachment, error) {
	var out []Attachment
	err := q.Select(&out, `SELECT DISTINCT sha256, ext FROM attachments ORDER BY sha256, ext`)
	return out, err
}

// attachmentBytes reads a stored file's content from the store's folder or
// its database.
func attachmentBytes(s *Store, q queryer, a Attachment) ([]byte, error) {
	if s.db.d.pg {
		var b []byte
		err := q.Get(&b, `SELECT data FROM attachment_files WHERE sha256 = ?`, a.SHA256)
		return b, err
	}
	return os.ReadFile(filepath.Join(s.dir, AttachmentsDir, a.File()))
}

// copyAttachmentFiles brings the attachments' contents to dst: into its
// database (server) or its folder (data folder).
func copyAttachmentFiles(src *Store, rq *txq, dst *Store, wq *txq) error {
	if src.db.d.pg && dst.db.d.pg {
		return nil // copied with the tables
	}
	keys, err := attachmentKeys(rq)
	if err != nil {
		return err
	}
	for _, a := range keys {
		b, err := attachmentBytes(src, rq, a)
		if err != nil {
			return fmt.Errorf("无法读取附件 %s：%w", a.File(), err)
		}
		if sha256Hex(b) != a.SHA256 {
			return fmt.Errorf("附件 %s 的内容与校验值不符，没有复制", a.File())
		}
		if dst.db.d.pg {
			if _, err := wq.Exec(`INSERT OR IGNORE INTO attachment_files (sha256, data) VALUES (?, ?)`, a.SHA256, b); err != nil {
				return fmt.Errorf("无法写入附件 %s：%w", a.File(), err)
			}
			continue
		}
		if err := keepFile(dst.dir, a, b); err != nil {
			return fmt.Errorf("无法写入附件 %s：%w", a.File(), err)
		}
	}
	return nil
}

// checkCopy compares the two stores table by table and attachment by
// attachment.
func checkCopy(src *Store, rq *txq, dst *Store) (CopyReport, error) {
	var rep CopyReport
	a, err := fingerprint(rq, rq.d)
	if err != nil {
		return rep, err
	}
	b, err := dst.Fingerprint()
	if err != nil {
		return rep, err
	}
	for i := range a {
		if i >= len(b) || a[i] != b[i] {
			return rep, fmt.Errorf("复制后核对不一致：表“%s”源有 %d 行，目标有 %d 行（或内容不同）；请不要使用目标，重新复制到一个空的数据库",
				a[i].Table, a[i].Rows, b[min(i, len(b)-1)].Rows)
		}
	}
	keys, err := attachmentKeys(rq)
	if err != nil {
		return rep, err
	}
	for _, k := range keys {
		got, err := attachmentBytes(dst, dst.db, k)
		if err != nil || sha256Hex(got) != k.SHA256 {
			return rep, fmt.Errorf("复制后核对不一致：附件 %s 在目标里缺少或内容不同", k.File())
		}
	}
	rep.Tables, rep.Attachments = a, len(keys)
	return rep, nil
}

// snapshotTo writes the store's whole database into a new SQLite file at
// path (a backup's snapshot): SQLite's VACUUM INTO in a data folder; on the
// server, a consistent read copied table by table into a file built by the
// same migrations, the attachments fetched into the local folder for the
// backup to pack.
func (s *Store) snapshotTo(path string) error {
	if !s.db.d.pg {
		_, err := s.db.Exec(`VACUUM INTO ?`, path)
		return err
	}
	rt, err := s.readTx()
	if err != nil {
		return err
	}
	defer rt.Rollback()
	db, err := sqlx.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_journal_mode=DELETE&_synchronous=FULL")
	if err != nil {
		return err
	}
	defer db.Close()
	// the file's attachments are this PC's copies, which the backup packs
	file := &Store{db: &dbh{DB: db, d: sqliteDialect}, dir: s.dir, now: time.Now}
	if err := file.migrate(); err != nil {
		return err
	}
	wt, err := file.db.begin(context.Background())
	if err != nil {
		return err
	}
	defer wt.Rollback()
	if err := replaceAll(s, rt, file, wt); err != nil {
		return err
	}
	return wt.Commit()
}

// copyFromFile replaces the server's data with the SQLite database at src
// (a restore's unpacked backup, brought to this schema first), in one
// transaction, with the attachments the restore put in the local folder.
func (s *Store) copyFromFile(src string) error {
	defer s.gen.Add(1)
	if err := stageRestore("", src); err != nil {
		return err
	}
	db, err := sqlx.Open("sqlite3", dsn(src, true))
	if err != nil {
		return err
	}
	defer db.Close()
	file := &Store{db: &dbh{DB: db, d: sqliteDialect}, dir: s.dir, now: time.Now}
	rt, err := file.readTx()
	if err != nil {
		return err
	}
	defer rt.Rollback()
	wt, err := s.db.begin(context.Background())
	if err != nil {
		return err
	}
	defer wt.Rollback()
	if err := s.db.d.lockWrite(wt); err != nil {
		return err
	}
	if err := replaceAll(file, rt, s, wt); err != nil {
		return err
	}
	return wt.Commit()
}
