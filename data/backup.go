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
	"runtime"
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

// backup snapshots the database and attachments into the zip at path.
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
	if _, err := s.db.Exec(`VACUUM INTO ?`, snapPath); err != nil {
		return BackupManifest{}, fmt.Errorf("无法生成数据库快照：%w", err)
	}
	m := BackupManifest{Format: backupFormat, Version: backupVersion, Kind: kind,
		Created: s.now().Format(time.RFC3339)}
	if err := describeSnapshot(snapPath, &m); err != nil {
		return m, err
	}
	atts, err := listAttachments(s.dir)
	if err != nil {
		return m, err
	}
	err = WriteFileAtomic(path, func(w io.Writer) error {
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
	return m, err
}

// describeSnapshot fills the manifest's schema, office, counts and last audit row from a snapshot.
func describeSnapshot(path string, m *BackupManifest) error {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return fmt.Errorf("无法读取快照：%w", err)
	}
	defer db.Close()
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&m.Schema); err != nil {
		return fmt.Errorf("无法读取快照：%w", err)
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
	return nil
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
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, backupKeepKey, strconv.Itoa(n)); err != nil {
			return fmt.Errorf("无法保存设置：%w", err)
		}
		return tx.Audit(EntitySettings, 0, "", "设置", ActionUpdate, "", []Change{{Field: "BackupKeep",
			Label: "保留自动备份份数", Old: strconv.Itoa(old), New: strconv.Itoa(n)}})
	})
}

// AutoBackup takes an automatic backup into backups/ unless one was already
// taken today or nothing changed since the newest one, then keeps only the
// BackupKeep newest automatic backups. The window calls it when it closes.
// It returns the new file's path, or "" when none was needed.
func (s *Store) AutoBackup() (string, error) {
	now := s.now()
	list, _ := ListBackups(s.dir)
	for _, b := range list {
		if b.Err != nil || b.Manifest.Kind != BackupAuto {
			continue
		}
		t := b.Manifest.Time().In(now.Location())
		if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
			return "", nil
		}
		var last int64
		s.db.Get(&last, `SELECT IFNULL(MAX(id), 0) FROM audit`)
		if last == b.Manifest.LastAudit {
			return "", nil
		}
		break
	}
	path := filepath.Join(BackupDir(s.dir), "auto-"+now.Format("20060102-150405")+BackupExt)
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	removeStaleTemps(BackupDir(s.dir))
	if _, err := s.backup(path, BackupAuto); err != nil {
		return "", err
	}
	return path, s.pruneAuto()
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

// pruneAuto removes all but the BackupKeep newest automatic backups.
func (s *Store) pruneAuto() error {
	list, err := ListBackups(s.dir)
	if err != nil {
		return err
	}
	keep := s.BackupKeep()
	n := 0
	for _, b := range list {
		if !strings.HasPrefix(filepath.Base(b.Path), "auto-") {
			continue
		}
		n++
		if n > keep {
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

// CheckOutputPath refuses a file a backup, an exchange file or any other
// output is about to be written to when it is one of the data folder's own
// files (the database, its -wal and -shm files, the lock file) or lies in
// its attachments folder: writing there would replace the live data. Other
// jobs that write a file the clerk names should call it too.
func (s *Store) CheckOutputPath(path string) error {
	return CheckOutputPath(s.dir, path)
}

// CheckOutputPath is Store.CheckOutputPath for a data folder dir.
func CheckOutputPath(dir, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("无法确定文件 %s 的位置：%w", path, err)
	}
	dirAbs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("无法确定数据目录 %s 的位置：%w", dir, err)
	}
	fi, statErr := os.Stat(abs)
	same := func(p string) bool {
		if samePath(abs, p) {
			return true
		}
		if statErr != nil {
			return false
		}
		pi, err := os.Stat(p)
		return err == nil && os.SameFile(fi, pi)
	}
	db := filepath.Join(dirAbs, DBFile)
	for _, own := range []string{db, db + "-wal", db + "-shm", db + "-journal", filepath.Join(dirAbs, LockFile)} {
		if same(own) {
			return fmt.Errorf("不能写到 %s：这是数据目录自己的文件，写入会毁掉现有数据，请另选一个文件名", path)
		}
	}
	att := filepath.Join(dirAbs, AttachmentsDir)
	inAtt := same(att) || within(att, abs)
	if parent, ra := resolve(filepath.Dir(abs)), resolve(att); parent != "" && ra != "" {
		inAtt = inAtt || samePath(parent, ra) || within(ra, parent)
	}
	if inAtt {
		return fmt.Errorf("不能写到 %s：附件目录只存放申报的附件，请另选一个位置", path)
	}
	return nil
}

// resolve is p with symbolic links followed, or "" when it cannot be.
func resolve(p string) string {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		return ""
	}
	return r
}

// samePath compares two absolute paths as the file system does (Windows
// and macOS file names ignore case).
func samePath(a, b string) bool {
	a, b = filepath.Clean(a), filepath.Clean(b)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// within reports whether p lies inside folder (not folder itself).
func within(folder, p string) bool {
	rel, err := filepath.Rel(folder, p)
	if err != nil || rel == "." {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
