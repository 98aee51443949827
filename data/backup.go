package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A backup is one zip file (extension .jyb) holding a consistent snapshot of
// the database (jiayuan.db, taken with VACUUM INTO while the program runs),
// every attachment (attachments/…) and manifest.json, which lists each
// entry's size and SHA-256. Automatic backups live in the data folder's
// backups/ folder as auto-YYYYMMDD-HHMMSS.jyb; the data a restore replaced is
// kept there as before-restore-YYYYMMDD-HHMMSS.jyb.
const (
	BackupExt         = ".jyb"
	BackupsFolder     = "backups"
	AttachmentsDir    = "attachments"
	backupFormat      = "jiayuan-backup"
	backupVersion     = 1
	backupManifest    = "manifest.json"
	backupDBEntry     = "jiayuan.db"
	DefaultBackupKeep = 10
	backupKeepKey     = "backup_keep"
)

// Entities of the audit trail written by backups and exchange files.
const (
	EntityBackup   = "backup"
	EntityExchange = "exchange"
)

func init() {
	entityLabels[EntityBackup] = "备份"
	entityLabels[EntityExchange] = "交换文件"
}

// Kinds of backup.
const (
	BackupAuto          = "auto"
	BackupManual        = "manual"
	BackupBeforeRestore = "before-restore"
)

// BackupKindLabel is the Chinese name of a kind of backup.
func BackupKindLabel(kind string) string {
	switch kind {
	case BackupAuto:
		return "自动备份"
	case BackupManual:
		return "手动备份"
	case BackupBeforeRestore:
		return "恢复前的数据"
	}
	return kind
}

// backupLimits bound what a backup may unpack into (a real office's data is
// a few MB plus photos).
var backupLimits = ArchiveLimits{MaxEntries: 100000, MaxEntry: 4 << 30, MaxTotal: 16 << 30}

// BackupManifest describes a backup.
type BackupManifest struct {
	Format    string         `json:"format"`
	Version   int            `json:"version"`
	Created   string         `json:"created"` // RFC 3339, local time
	Kind      string         `json:"kind"`
	Schema    int            `json:"schema"`
	Office    string         `json:"office"`
	Records   map[string]int `json:"records"` // live communities, compounds, orgs
	LastAudit int64          `json:"last_audit"`
	Files     []ArchiveFile  `json:"files"`
	// Damage says why the snapshot failed its full check ("" when it
	// passed); such a backup is kept aside, never used to restore.
	Damage string `json:"damage,omitempty"`
}

// Time is when the backup was taken.
func (m BackupManifest) Time() time.Time {
	t, _ := time.Parse(time.RFC3339, m.Created)
	return t
}

// Summary is one line for a clerk: 3 个社区、12 个小区、40 个党组织，附件 5 个.
func (m BackupManifest) Summary() string {
	att := 0
	for _, f := range m.Files {
		if strings.HasPrefix(f.Name, AttachmentsDir+"/") {
			att++
		}
	}
	return fmt.Sprintf("%d 个社区、%d 个小区、%d 个党组织，附件 %d 个",
		m.Records["communities"], m.Records["compounds"], m.Records["orgs"], att)
}

// BackupInfo is one backup file found on disk.
type BackupInfo struct {
	Path     string
	Size     int64
	Manifest BackupManifest
	Err      error // the manifest could not be read
}

// Good reports whether the backup's manifest was read and says its database
// passed the full check when it was taken. Only good automatic backups count
// among the BackupKeep kept.
func (b BackupInfo) Good() bool { return b.Err == nil && b.Manifest.Damage == "" }

// BackupDir is the folder of automatic backups of the data folder dir.
func BackupDir(dir string) string { return filepath.Join(dir, BackupsFolder) }

// BackupTo writes a manual backup of the running store to path (replacing
// the file there only once the new one is complete). A path that is one of
// the data folder's own files is refused (see CheckOutputPath).
func (s *Store) BackupTo(path string) (BackupManifest, error) {
	if err := s.CheckOutputPath(path); err != nil {
		return BackupManifest{}, err
	}
	return s.backup(path, BackupManual)
}

// backup snapshots the database and attachments into the zip at path. The
// snapshot must pass the full integrity check first: one that fails is not
// written to path but kept aside in backups/ as failed-KIND-….jyb (its
// manifest says what is wrong) and a *BackupCheckError names it. The data a
// restore replaces (BackupBeforeRestore) is written to path all the same,
// marked as failed, so a damaged database can still be replaced.
func (s *Store) backup(path, kind string) (BackupManifest, error) {
	if err := os.MkdirAll(BackupDir(s.dir), 0o755); err != nil {
		return BackupManifest{}, fmt.Errorf("无法创建备份目录：%w", err)
	}
	snap, err := os.CreateTemp(BackupDir(s.dir), ".snapshot-*.db")
	if err != nil {
		return BackupManifest{}, fmt.Errorf("无法创建备份：%w", err)
	}
	snapPath := snap.Name()
	snap.Close()
	os.Remove(snapPath) // VACUUM INTO wants a new file
	defer os.Remove(snapPath)
	if err := s.snapshotTo(snapPath); err != nil {
		return BackupManifest{}, fmt.Errorf("无法生成数据库快照：%w", err)
	}
	m := BackupManifest{Format: backupFormat, Version: backupVersion, Kind: kind,
		Created: s.now().Format(time.RFC3339)}
	diag, err := describeSnapshot(snapPath, &m)
	if err != nil {
		return m, err
	}
	var failed *BackupCheckError
	if !diag.OK() && kind != BackupBeforeRestore {
		failed = &BackupCheckError{Kind: kind, Asked: path, Diagnosis: diag}
		if path, err = failedBackupPath(s.dir, kind, s.now()); err != nil {
			return m, err
		}
		failed.Kept = path
	}
	if err := s.writeBackup(path, snapPath, &m); err != nil {
		return m, err
	}
	if failed != nil {
		return m, failed
	}
	return m, nil
}

// writeBackup writes the zip at path: the snapshot, the attachments and the manifest.
func (s *Store) writeBackup(path, snapPath string, m *BackupManifest) error {
	atts, err := listAttachments(s.dir)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, func(w io.Writer) error {
		aw := newArchiveWriter(w)
		if _, err := aw.addFile(backupDBEntry, snapPath, true); err != nil {
			return fmt.Errorf("无法写入备份：%w", err)
		}
		for _, a := range atts {
			if _, err := aw.addFile(AttachmentsDir+"/"+a, filepath.Join(s.dir, AttachmentsDir, filepath.FromSlash(a)), false); err != nil {
				return fmt.Errorf("无法写入备份（附件 %s）：%w", a, err)
			}
		}
		m.Files = aw.files
		js, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			return err
		}
		return (&ArchiveWriter{aw: aw}).Close(backupManifest, js)
	})
}

// describeSnapshot runs the full integrity check on a snapshot and fills the
// manifest's schema, office, counts and last audit row from it; a snapshot
// that fails the check has the check's summary in m.Damage.
func describeSnapshot(path string, m *BackupManifest) (Diagnosis, error) {
	diag, err := diagnoseFile(path)
	if err != nil {
		return diag, fmt.Errorf("无法检查数据库快照：%w", err)
	}
	if !diag.OK() {
		m.Damage = diag.Summary()
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return diag, fmt.Errorf("无法读取快照：%w", err)
	}
	defer db.Close()
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&m.Schema); err != nil && diag.OK() {
		return diag, fmt.Errorf("无法读取快照：%w", err)
	}
	m.Records = map[string]int{}
	for _, t := range []string{"communities", "compounds", "orgs"} {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM ` + t + ` WHERE deleted_at IS NULL`).Scan(&n); err == nil {
			m.Records[t] = n
		}
	}
	db.QueryRow(`SELECT IFNULL(MAX(id), 0) FROM audit`).Scan(&m.LastAudit)
	db.QueryRow(`SELECT value FROM settings WHERE key = 'office_name'`).Scan(&m.Office)
	return diag, nil
}

// listAttachments lists the files under dir/attachments, slash-separated, sorted.
func listAttachments(dir string) ([]string, error) {
	root := filepath.Join(dir, AttachmentsDir)
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("无法读取附件目录：%w", err)
	}
	sort.Strings(out)
	return out, nil
}

// BackupKeep is how many automatic backups are kept (setting backup_keep, default 10).
func (s *Store) BackupKeep() int {
	var v string
	if err := s.db.Get(&v, `SELECT value FROM settings WHERE key = ?`, backupKeepKey); err != nil {
		return DefaultBackupKeep
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return DefaultBackupKeep
	}
	return n
}

// SetBackupKeep sets how many automatic backups are kept (1 to 365).
func (s *Store) SetBackupKeep(n int) error {
	if n < 1 || n > 365 {
		return fmt.Errorf("保留的自动备份份数应在 1 到 365 之间，现在是 %d", n)
	}
	old := s.BackupKeep()
	if old == n {
		return nil
	}
	return s.Write(func(tx *Tx) error {
		if _, err := tx.q.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, backupKeepKey, strconv.Itoa(n)); err != nil {
			return fmt.Errorf("无法保存设置：%w", err)
		}
		return tx.Audit(EntitySettings, 0, "", "设置", ActionUpdate, "", []Change{{Field: "BackupKeep",
			Label: "保留自动备份份数", Old: strconv.Itoa(old), New: strconv.Itoa(n)}})
	})
}

// AutoBackup takes an automatic backup into backups/ unless one was already
// taken today or nothing changed since the newest one, then keeps only the
// BackupKeep newest good automatic backups. A backup whose database fails the
// full check is kept aside as failed-auto-….jyb and a *BackupCheckError is
// returned; it never counts as a backup nor leads to a good one being pruned,
// and it is not tried again until the data changes. The window calls it when
// it closes. It returns the new file's path, or "" when none was needed.
func (s *Store) AutoBackup() (string, error) {
	now := s.now()
	if !s.autoBackupDue(now) {
		return "", nil
	}
	path := filepath.Join(BackupDir(s.dir), "auto-"+now.Format("20060102-150405")+BackupExt)
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	removeStaleTemps(BackupDir(s.dir))
	if _, err := s.backup(path, BackupAuto); err != nil {
		var failed *BackupCheckError
		if errors.As(err, &failed) {
			s.pruneAuto()
		}
		return "", err
	}
	return path, s.pruneAuto()
}

// autoBackupDue reports whether an automatic backup should be taken at now:
// no good one today, the data changed since the newest good one, and since
// the newest failed attempt.
func (s *Store) autoBackupDue(now time.Time) bool {
	list, _ := ListBackups(s.dir)
	var last int64
	s.db.Get(&last, `SELECT IFNULL(MAX(id), 0) FROM audit`)
	triedFailed := false
	for _, b := range list {
		if b.Err != nil || b.Manifest.Kind != BackupAuto {
			continue
		}
		if !b.Good() {
			if !triedFailed && last == b.Manifest.LastAudit {
				return false
			}
			triedFailed = true
			continue
		}
		t := b.Manifest.Time().In(now.Location())
		if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
			return false
		}
		return last != b.Manifest.LastAudit
	}
	return true
}

// removeStaleTemps removes temporary files a crash left in dir (snapshots,
// unpacked backups, half-written files) once they are a day old.
func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, ".") ||
			!(strings.HasPrefix(n, ".snapshot-") || strings.HasPrefix(n, ".restore-") || strings.Contains(n, ".tmp-")) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// pruneAuto removes all but the BackupKeep newest good automatic backups,
// and all but the BackupKeep newest failed ones (failed-auto-…). Failed or
// unreadable files never count among the good ones.
func (s *Store) pruneAuto() error {
	list, err := ListBackups(s.dir)
	if err != nil {
		return err
	}
	keep := s.BackupKeep()
	good, failed := 0, 0
	for _, b := range list {
		name := filepath.Base(b.Path)
		n := &good
		switch {
		case strings.HasPrefix(name, "auto-") && b.Good() && b.Manifest.Kind == BackupAuto:
		case strings.HasPrefix(name, failedPrefix+BackupAuto+"-") && b.Err == nil:
			n = &failed
		default:
			continue
		}
		*n++
		if *n > keep {
			if err := os.Remove(b.Path); err != nil {
				return fmt.Errorf("无法删除旧备份 %s：%w", b.Path, err)
			}
		}
	}
	return nil
}

// ListBackups lists the backups in the data folder's backups/, newest first,
// reading only their manifests (VerifyBackup checks one fully).
func ListBackups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(BackupDir(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取备份目录：%w", err)
	}
	var out []BackupInfo
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), BackupExt) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b := BackupInfo{Path: filepath.Join(BackupDir(dir), e.Name())}
		if fi, err := e.Info(); err == nil {
			b.Size = fi.Size()
		}
		b.Manifest, b.Err = readBackupManifest(b.Path)
		out = append(out, b)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ti, tj := out[i].Manifest.Created, out[j].Manifest.Created
		if ti != tj {
			return ti > tj
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

func readBackupManifest(path string) (BackupManifest, error) {
	a, err := OpenArchive(path, backupLimits)
	if err != nil {
		return BackupManifest{}, err
	}
	defer a.Close()
	return readManifestFrom(a)
}

// NewestGoodBackup finds, newest first, the first backup in the data
// folder's backups/ that passes VerifyBackup.
func NewestGoodBackup(dir string) (BackupInfo, error) {
	list, err := ListBackups(dir)
	if err != nil {
		return BackupInfo{}, err
	}
	for _, b := range list {
		if b.Err != nil {
			continue
		}
		if _, err := VerifyBackup(b.Path); err == nil {
			return b, nil
		}
	}
	return BackupInfo{}, fmt.Errorf("%s 里没有可用的备份", BackupDir(dir))
}

// fileSHA256 is the SHA-256 (hex) of a file's content.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
