package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"
)

// RestoreResult tells what a restore did.
type RestoreResult struct {
	Manifest BackupManifest // of the restored backup
	Saved    string         // backup of the data that was replaced ("" when there was none)
}

// restoreFault, when set (tests), is called before each step of a restore
// that writes ("save", "attachments", "copy", "stage", "swap") and makes it
// fail with the error it returns, as a full or failing disk would.
var restoreFault func(step string) error

func fault(step string) error {
	if restoreFault != nil {
		return restoreFault(step)
	}
	return nil
}

// RestoreBackup replaces the store's data and attachments with the backup at path.
// Before anything is written it checks that the disk has room for the whole
// restore (see restoreNeed) and checks the backup fully (see VerifyBackup);
// if either fails nothing changes. The data it replaces is first saved as
// backups/before-restore-….jyb (and recorded in the set-aside notices). The
// database is replaced in one transaction through SQLite's backup API, so the
// open store stays usable and a crash or a full disk leaves either the old or
// the new data, never an empty store. The caller holds the data folder's lock.
func (s *Store) RestoreBackup(path string) (RestoreResult, error) {
	removeRestoreTemps(s.dir)
	if err := os.MkdirAll(BackupDir(s.dir), 0o755); err != nil {
		return RestoreResult{}, restoreErr(err, BackupDir(s.dir), 0, "")
	}
	empty, _ := s.Empty()
	need, err := checkRestoreRoom(s.dir, path, !empty)
	if err != nil {
		return RestoreResult{}, err
	}
	v, err := verifyBackup(path, BackupDir(s.dir))
	if err != nil {
		return RestoreResult{}, err
	}
	defer v.close()
	res := RestoreResult{Manifest: v.manifest}
	if !empty {
		if res.Saved, err = s.saveBeforeRestore(path, need); err != nil {
			return res, err
		}
	}
	kept := "现有数据未改动"
	if res.Saved != "" {
		kept += "，另存于 " + res.Saved
	}
	if err := v.restoreAttachments(s.dir, false, ""); err != nil {
		return res, restoreErr(err, s.dir, need, kept+"。")
	}
	if err := fault("copy"); err != nil {
		return res, restoreErr(err, s.dir, need, kept+"。")
	}
	if err := s.copyFrom(v.dbPath); err != nil {
		return res, restoreFailed(restoreErr(err, s.dir, need, kept+"。"), "无法写入恢复的数据库", kept+"。")
	}
	if err := s.migrate(); err != nil {
		return res, restoreFailed(restoreErr(err, s.dir, need, "数据已恢复，但还没有升级到本程序的版本；下次打开时会再升级。"),
			"恢复的数据无法升级到本程序的版本", "下次打开时会再试。")
	}
	if res.Saved != "" { // attachments the backup lacks are in the saved copy
		if err := v.restoreAttachments(s.dir, true, ""); err != nil {
			return res, err
		}
	}
	return res, s.auditRestore(path, v.manifest, res.Saved)
}

// saveBeforeRestore keeps the data a restore is about to replace as
// backups/before-restore-….jyb and records it in the set-aside notices.
func (s *Store) saveBeforeRestore(from string, need int64) (string, error) {
	stamp := s.now().Format("20060102-150405")
	saved := filepath.Join(BackupDir(s.dir), "before-restore-"+stamp+BackupExt)
	for i := 2; fileExists(saved); i++ {
		saved = filepath.Join(BackupDir(s.dir), fmt.Sprintf("before-restore-%s-%d%s", stamp, i, BackupExt))
	}
	err := fault("save")
	if err == nil {
		_, err = s.backup(saved, BackupBeforeRestore)
	}
	if err != nil {
		if e := restoreErr(err, s.dir, need, ""); e != err {
			return "", e
		}
		return "", fmt.Errorf("恢复前无法保存现有数据，未作任何改动：%s", Explain(err))
	}
	noteSetAside(s.dir, SetAsideBeforeRestore, saved,
		fmt.Sprintf("从备份 %s 恢复前的数据已另存为 %s，需要时可以用它恢复。", filepath.Base(from), saved))
	return saved, nil
}

// auditRestore writes the restore into the audit trail.
func (s *Store) auditRestore(path string, m BackupManifest, saved string) error {
	reason := fmt.Sprintf("从备份 %s 恢复（%s，%s）", filepath.Base(path), m.Time().Format("2006-01-02 15:04"), m.Summary())
	if saved != "" {
		reason += "；恢复前的数据另存为 " + filepath.Base(saved)
	}
	return s.Write(func(tx *Tx) error {
		return tx.Audit(EntityBackup, 0, "", filepath.Base(path), ActionRestore, reason, nil)
	})
}

// restoreErr turns an I/O error met during a restore into an *IOError about
// path whose note says what became of the data (empty: nothing changed).
// Other errors are returned as they are.
func restoreErr(err error, path string, need int64, note string) error {
	e := asIOError(err, path, "从备份恢复", need)
	if e == nil {
		return err
	}
	e.Op, e.Note = "从备份恢复", note
	return e
}

// restoreFailed gives an error that is not already the clerk's (an
// *IOError, a refused archive, a damaged file) a Chinese message: what
// failed, SQLite's or the system's reason in Chinese, and what became of the data.
func restoreFailed(err error, what, note string) error {
	if _, ok := IsIOError(err); ok {
		return err
	}
	if _, ok := IsDamaged(err); ok || errors.Is(err, ErrBadArchive) || errors.Is(err, ErrTooNew) {
		return err
	}
	var se sqlite3.Error
	detail := Explain(err)
	if errors.As(err, &se) {
		detail = sqliteDetail(err)
	}
	return fmt.Errorf("%s（%s）。%s", what, detail, note)
}

// checkRestoreRoom refuses, before anything is written, a restore of the
// backup at path into the data folder dir that the disk has no room for.
func checkRestoreRoom(dir, path string, saveCurrent bool) (int64, error) {
	need, err := restoreNeed(dir, path, saveCurrent)
	if err != nil {
		return 0, err
	}
	free, err := FreeSpace(dir)
	if err != nil || free >= need {
		return need, nil // unknown: the writes themselves will tell
	}
	return need, &IOError{Path: dir, Kind: IONoSpace, Op: "从备份 " + filepath.Base(path) + " 恢复",
		Free: free, Need: need - free, Note: "数据未作任何改动。"}
}

// restoreNeed is the room a restore takes on the data folder's disk: the
// backup's database twice (unpacked, then written through the write-ahead
// log), its attachments not already there, and the safety copy of the
// current data (a snapshot of the database beside a zip of it and of the
// attachments), with a megabyte to spare. It reads only the zip's headers.
func restoreNeed(dir, path string, saveCurrent bool) (int64, error) {
	a, err := OpenArchive(path, backupLimits)
	if err != nil {
		return 0, err
	}
	defer a.Close()
	if err := checkUnpackRatio(a); err != nil {
		return 0, err
	}
	need := int64(1<<20) + 2*a.Size(backupDBEntry)
	for _, n := range a.Names() {
		rel, ok := strings.CutPrefix(n, AttachmentsDir+"/")
		if !ok || CheckEntryName(rel) != nil {
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, AttachmentsDir, filepath.FromSlash(rel))); err != nil || fi.Size() != a.Size(n) {
			need += a.Size(n)
		}
	}
	if saveCurrent {
		if fi, err := os.Stat(filepath.Join(dir, DBFile)); err == nil {
			need += 2 * fi.Size()
		}
		atts, _ := listAttachments(dir)
		for _, rel := range atts {
			if fi, err := os.Stat(filepath.Join(dir, AttachmentsDir, filepath.FromSlash(rel))); err == nil {
				need += fi.Size()
			}
		}
	}
	return need, nil
}

// removeRestoreTemps removes what an interrupted restore left in the data
// folder dir: unpacked databases (.restore-*) there and in backups/, a
// half-written safety copy, and half-written attachments. Only a restore
// writes these, under the data folder's lock, so the caller must hold it.
func removeRestoreTemps(dir string) {
	isTemp := func(n string) bool {
		return strings.HasPrefix(n, ".restore-") || strings.HasPrefix(n, ".before-restore-") && strings.Contains(n, ".tmp-")
	}
	for _, d := range []string{dir, BackupDir(dir)} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if e.Type().IsRegular() && isTemp(e.Name()) {
				os.Remove(filepath.Join(d, e.Name()))
			}
		}
	}
	root := filepath.Join(dir, AttachmentsDir)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasPrefix(d.Name(), ".") && strings.Contains(d.Name(), ".tmp-") {
			os.Remove(p)
		}
		return nil
	})
}

// RemoveRestoreTemps is removeRestoreTemps for main and the command line,
// called once they hold the data folder's lock.
func RemoveRestoreTemps(dir string) { removeRestoreTemps(dir) }

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// restoreAttachments writes the backup's attachments that are missing or
// different; with prune it then takes away the ones the backup does not
// hold. A file it replaces or takes away is deleted when aside is "" (the
// caller kept a copy of it) and otherwise moved into aside/attachments/.
func (v *verifiedBackup) restoreAttachments(dir string, prune bool, aside string) error {
	if err := fault("attachments"); err != nil {
		return err
	}
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
				if err := displace(root, rel, aside); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, rel := range sortedNames(want) {
		f := want[rel]
		dst := filepath.Join(root, filepath.FromSlash(rel))
		sum, err := fileSHA256(dst)
		if err == nil && sum == f.SHA256 {
			continue
		}
		if err == nil {
			if err := displace(root, rel, aside); err != nil {
				return err
			}
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("无法恢复附件 %s：%w", rel, err)
		}
		err = WriteFileAtomic(dst, func(w io.Writer) error {
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

// displace deletes the attachment rel under root, or moves it into
// aside/attachments/ when aside is not "".
func displace(root, rel, aside string) error {
	from := filepath.Join(root, filepath.FromSlash(rel))
	if aside == "" {
		if err := os.Remove(from); err != nil {
			return fmt.Errorf("无法移除附件 %s：%w", rel, err)
		}
		return nil
	}
	to := filepath.Join(aside, AttachmentsDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("无法把附件 %s 移到 %s：%w", rel, aside, err)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("无法把附件 %s 移到 %s：%w", rel, aside, err)
	}
	return nil
}

func sortedNames(m map[string]ArchiveFile) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// copyFrom replaces the whole database with the one at src through SQLite's
// online backup API: one write transaction on the live database.
func (s *Store) copyFrom(src string) error {
	if s.db.d.pg {
		return s.copyFromFile(src)
	}
	defer s.gen.Add(1) // the database changed under the store: cached reads are stale
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

// RestoreDamaged recovers a data folder whose database failed its check.
// Nothing is moved or written before the disk is known to have room and the
// backup is verified in full. The backup's database is then unpacked beside
// the damaged one, migrated and checked again; only then is the damaged file
// (with its -wal and -shm files) set aside into damaged-…/ and the new one
// renamed into its place, so the folder always holds a database. Attachments
// the backup replaces or lacks are moved into the same damaged-…/ folder, not
// deleted. It returns that folder ("" when there was no database to set
// aside). The caller holds the data folder's lock.
func RestoreDamaged(dir, backup string) (aside string, err error) {
	removeRestoreTemps(dir)
	need, err := checkRestoreRoom(dir, backup, false)
	if err != nil {
		return "", err
	}
	v, err := verifyBackup(backup, dir)
	if err != nil {
		return "", err
	}
	defer v.close()
	if err := fault("stage"); err != nil {
		return "", restoreErr(err, dir, need, "数据未作任何改动。")
	}
	if err := stageRestore(dir, v.dbPath); err != nil {
		return "", restoreFailed(restoreErr(err, dir, need, "数据未作任何改动。"), "备份里的数据库无法升级到本程序的版本", "数据未作任何改动。")
	}
	if fileExists(filepath.Join(dir, DBFile)) {
		if aside, err = newFolder(dir, "damaged-"+time.Now().Format("20060102-150405")); err != nil {
			return "", restoreErr(err, dir, need, "数据未作任何改动。")
		}
		defer func() { noteDamagedAside(dir, aside) }()
	}
	if err := v.restoreAttachments(dir, false, aside); err != nil {
		return aside, restoreErr(err, dir, need, "损坏的数据库仍在原处，未作改动。")
	}
	if err := swapIn(dir, v.dbPath, aside); err != nil {
		return aside, err
	}
	v.dbPath = "" // it is the data folder's database now
	if err := v.restoreAttachments(dir, true, aside); err != nil {
		return aside, err
	}
	st, err := Open(dir)
	if err != nil {
		return aside, err
	}
	defer st.Close()
	return aside, st.auditRestore(backup, v.manifest, "")
}

// stageRestore brings the unpacked database at path to the current schema
// in place and checks it again, so that what is swapped in is complete.
func stageRestore(dir, path string) error {
	db, err := sqlx.Open("sqlite3", dsn(path, false))
	if err != nil {
		return err
	}
	st := &Store{db: &dbh{DB: db, d: sqliteDialect}, dir: dir, now: time.Now}
	err = st.migrate()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return checkFile(path, "quick_check")
}

// swapIn puts the staged database in place of the damaged one. The damaged
// file is first linked into aside (where the system allows; otherwise moved),
// its -wal and -shm files moved there (a stale log must never meet the new
// database), then the staged file is renamed over it: at no moment is the
// folder without a database.
func swapIn(dir, staged, aside string) error {
	path := filepath.Join(dir, DBFile)
	kept := "损坏的数据库仍在原处"
	moved := false // the damaged file was moved, not linked: put it back on failure
	if aside != "" {
		if err := os.Link(path, filepath.Join(aside, DBFile)); err != nil {
			if err := os.Rename(path, filepath.Join(aside, DBFile)); err != nil {
				return restoreErr(fmt.Errorf("无法把损坏的数据库移到 %s：%w", aside, err), dir, 0, kept+"，未作改动。")
			}
			moved = true
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if fileExists(path + suffix) {
				if err := os.Rename(path+suffix, filepath.Join(aside, DBFile+suffix)); err != nil {
					return fmt.Errorf("无法把损坏的数据库的 %s 文件移到 %s：%s", suffix, aside, Explain(err))
				}
			}
		}
		kept += "，" + aside + " 里另有它的日志文件。"
	}
	err := fault("swap")
	if err == nil {
		err = os.Rename(staged, path)
	}
	if err != nil {
		if moved {
			os.Rename(filepath.Join(aside, DBFile), path)
		}
		return restoreErr(fmt.Errorf("无法把恢复的数据库放到 %s：%w", path, err), dir, 0, kept)
	}
	syncDir(dir)
	return nil
}

// noteDamagedAside records the damaged-… folder in the set-aside notices,
// or removes it when nothing was moved into it.
func noteDamagedAside(dir, aside string) {
	if entries, err := os.ReadDir(aside); err == nil && len(entries) == 0 {
		os.Remove(aside)
		return
	}
	noteSetAside(dir, SetAsideDamaged, aside, fmt.Sprintf("损坏的数据库（及备份里没有的附件）已移到 %s（未作任何改动，可请技术人员查看）。", aside))
}
