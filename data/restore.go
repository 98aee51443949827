package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// verifiedBackup is a backup checked in full, with its database unpacked.
type verifiedBackup struct {
	a        *Archive
	manifest BackupManifest
	dbPath   string // unpacked snapshot, removed by close
}

func (v *verifiedBackup) close() {
	v.a.Close()
	if v.dbPath != "" {
		os.Remove(v.dbPath)
	}
}

// VerifyBackup checks a backup file fully without changing anything: the zip
// is sound, every entry matches its SHA-256, the database opens read-only,
// passes PRAGMA integrity_check and its schema is not newer than this program's.
func VerifyBackup(path string) (BackupManifest, error) {
	v, err := verifyBackup(path, os.TempDir())
	if err != nil {
		return BackupManifest{}, err
	}
	v.close()
	return v.manifest, nil
}

func verifyBackup(path, tmpDir string) (*verifiedBackup, error) {
	m, err := readBackupManifest(path)
	if err != nil {
		return nil, err
	}
	a, err := OpenArchive(path, backupLimits)
	if err != nil {
		return nil, err
	}
	v := &verifiedBackup{a: a, manifest: m}
	fail := func(err error) (*verifiedBackup, error) { v.close(); return nil, err }
	for _, f := range m.Files {
		if f.Name != backupDBEntry && !strings.HasPrefix(f.Name, AttachmentsDir+"/") {
			return fail(badArchive("备份里有不认识的文件“%s”", f.Name))
		}
	}
	if err := a.Verify(backupManifest, m.Files); err != nil {
		return fail(err)
	}
	if !a.Has(backupDBEntry) {
		return fail(badArchive("备份里没有数据库"))
	}
	tmp, err := os.CreateTemp(tmpDir, ".restore-*.db")
	if err != nil {
		return fail(fmt.Errorf("无法解开备份：%w", err))
	}
	v.dbPath = tmp.Name()
	_, _, err = a.Copy(tmp, backupDBEntry)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(err)
	}
	if err := checkFile(v.dbPath, "integrity_check"); err != nil {
		detail := err.Error()
		if d, ok := IsDamaged(err); ok {
			detail = d.Detail // not the unpacked copy's temporary path
		}
		return fail(badArchive("%s 里的数据库未通过完整性检查（%s），不能用它恢复", filepath.Base(path), detail))
	}
	db, err := sql.Open("sqlite3", dsn(v.dbPath, true))
	if err != nil {
		return fail(err)
	}
	var schema int
	err = db.QueryRow(`PRAGMA user_version`).Scan(&schema)
	db.Close()
	if err != nil {
		return fail(badArchive("备份里的数据库无法读取：%v", err))
	}
	if schema > SchemaVersion() {
		return fail(fmt.Errorf("%w（备份的数据版本 %d，本程序只认识到 %d），请先升级程序再恢复", ErrTooNew, schema, SchemaVersion()))
	}
	if schema < 1 {
		return fail(badArchive("备份里的数据库是空的"))
	}
	return v, nil
}

// RestoreResult tells what a restore did.
type RestoreResult struct {
	Manifest BackupManifest // of the restored backup
	Saved    string         // backup of the data that was replaced ("" when there was none)
}

// RestoreBackup replaces the store's data and attachments with the backup at path.
// The backup is checked fully first (see VerifyBackup); if it fails nothing
// changes. The data it replaces is first saved as backups/before-restore-….jyb.
// The database is replaced in one transaction through SQLite's backup API, so
// the open store stays usable and a crash leaves either the old or the new data.
func (s *Store) RestoreBackup(path string) (RestoreResult, error) {
	v, err := verifyBackup(path, BackupDir(s.dir))
	if err != nil {
		if mkErr := os.MkdirAll(BackupDir(s.dir), 0o755); mkErr == nil && strings.Contains(err.Error(), "无法解开备份") {
			v, err = verifyBackup(path, os.TempDir())
		}
		if err != nil {
			return RestoreResult{}, err
		}
	}
	defer v.close()
	res := RestoreResult{Manifest: v.manifest}
	empty, _ := s.Empty()
	if !empty {
		res.Saved = filepath.Join(BackupDir(s.dir), "before-restore-"+s.now().Format("20060102-150405")+BackupExt)
		for i := 2; fileExists(res.Saved); i++ {
			res.Saved = filepath.Join(BackupDir(s.dir), fmt.Sprintf("before-restore-%s-%d%s", s.now().Format("20060102-150405"), i, BackupExt))
		}
		if _, err := s.backup(res.Saved, BackupBeforeRestore); err != nil {
			return res, fmt.Errorf("恢复前无法保存现有数据，未作任何改动：%w", err)
		}
	}
	if err := v.restoreAttachments(s.dir, false); err != nil {
		return res, err
	}
	if err := s.copyFrom(v.dbPath); err != nil {
		return res, fmt.Errorf("无法恢复数据库（现有数据未改动，另存于 %s）：%w", res.Saved, err)
	}
	if err := s.migrate(); err != nil {
		return res, err
	}
	if err := v.restoreAttachments(s.dir, true); err != nil {
		return res, err
	}
	reason := fmt.Sprintf("从备份 %s 恢复（%s，%s）", filepath.Base(path), v.manifest.Time().Format("2006-01-02 15:04"), v.manifest.Summary())
	if res.Saved != "" {
		reason += "；恢复前的数据另存为 " + filepath.Base(res.Saved)
	}
	err = s.Write(func(tx *Tx) error {
		return tx.Audit(EntityBackup, 0, "", filepath.Base(path), ActionRestore, reason, nil)
	})
	return res, err
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// restoreAttachments writes the backup's attachments that are missing or
// different; with prune it then removes the ones the backup does not hold.
func (v *verifiedBackup) restoreAttachments(dir string, prune bool) error {
	root := filepath.Join(dir, AttachmentsDir)
	want := map[string]ArchiveFile{}
	for _, f := range v.manifest.Files {
		if rel, ok := strings.CutPrefix(f.Name, AttachmentsDir+"/"); ok {
			want[rel] = f
		}
	}
	if prune {
		have, err := listAttachments(dir)
		if err != nil {
			return err
		}
		for _, rel := range have {
			if _, ok := want[rel]; !ok {
				if err := os.Remove(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
					return fmt.Errorf("无法移除附件 %s：%w", rel, err)
				}
			}
		}
		return nil
	}
	for rel, f := range want {
		dst := filepath.Join(root, filepath.FromSlash(rel))
		if sum, err := fileSHA256(dst); err == nil && sum == f.SHA256 {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("无法恢复附件：%w", err)
		}
		err := WriteFileAtomic(dst, func(w io.Writer) error {
			sum, _, err := v.a.Copy(w, f.Name)
			if err == nil && sum != f.SHA256 {
				err = badArchive("附件 %s 校验不符", rel)
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("无法恢复附件 %s：%w", rel, err)
		}
	}
	return nil
}

// copyFrom replaces the whole database with the one at src through SQLite's
// online backup API: one write transaction on the live database.
func (s *Store) copyFrom(src string) error {
	ctx := context.Background()
	srcDB, err := sql.Open("sqlite3", dsn(src, true))
	if err != nil {
		return err
	}
	defer srcDB.Close()
	srcConn, err := srcDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer srcConn.Close()
	dstConn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer dstConn.Close()
	return dstConn.Raw(func(d any) error {
		dst, ok := d.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", d)
		}
		return srcConn.Raw(func(sc any) error {
			from, ok := sc.(*sqlite3.SQLiteConn)
			if !ok {
				return fmt.Errorf("unexpected driver connection %T", sc)
			}
			b, err := dst.Backup("main", from, "main")
			if err != nil {
				return err
			}
			done, err := b.Step(-1)
			ferr := b.Finish()
			if err != nil {
				return err
			}
			if !done {
				return errors.New("backup did not finish")
			}
			return ferr
		})
	})
}

// RestoreDamaged recovers a data folder whose database failed its check:
// it verifies the backup first (nothing changes if it fails), moves the
// damaged database aside (SetAside), and restores the backup into a new one.
// It returns the folder the damaged file was moved to. The caller holds the lock.
func RestoreDamaged(dir, backup string) (string, error) {
	v, err := verifyBackup(backup, os.TempDir())
	if err != nil {
		return "", err
	}
	v.close()
	aside := ""
	if fileExists(filepath.Join(dir, DBFile)) {
		if aside, err = SetAside(dir); err != nil {
			return aside, err
		}
	}
	st, err := Open(dir)
	if err != nil {
		return aside, err
	}
	defer st.Close()
	if _, err := st.RestoreBackup(backup); err != nil {
		return aside, err
	}
	return aside, nil
}
