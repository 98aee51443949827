package data

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// backupMaxRatio bounds how many times its own size a backup may unpack to.
// The database compresses a few times over; attachments (photos, PDFs) are
// stored as they are. A file far past this is a zip bomb, not a backup.
const backupMaxRatio = 100

// backupRatioFloor is what any backup may unpack to whatever its size (a
// nearly empty database compresses very well).
const backupRatioFloor = 8 << 20

// checkUnpackRatio refuses an archive whose entries, by the sizes its own
// headers declare (Archive.Copy holds every entry to its declared size),
// would unpack to more than backupMaxRatio times the file's size.
func checkUnpackRatio(a *Archive) error {
	fi, err := os.Stat(a.Path)
	if err != nil {
		return fmt.Errorf("无法读取 %s：%s", a.Path, Explain(err))
	}
	var total int64
	for _, n := range a.Names() {
		total += a.Size(n)
	}
	if total > backupRatioFloor && total/backupMaxRatio > fi.Size() {
		return badArchive("%s 解压后会有 %s，是文件本身（%s）的 %d 倍以上，不像真正的备份（可能是恶意构造的文件）",
			filepath.Base(a.Path), HumanSize(total), HumanSize(fi.Size()), backupMaxRatio)
	}
	return nil
}

// readManifestFrom reads and checks a backup's manifest from its open archive.
func readManifestFrom(a *Archive) (BackupManifest, error) {
	var m BackupManifest
	if err := checkUnpackRatio(a); err != nil {
		return m, err
	}
	if !a.Has(backupManifest) { // another zip: an .xlsx, an exchange file, an archive renamed .jyb
		return m, badArchive("%s 不是家园的备份文件（里面没有家园的备份清单）", filepath.Base(a.Path))
	}
	js, err := a.ReadAll(backupManifest, 64<<20)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(js, &m); err != nil {
		return m, badArchive("备份清单无法读取：%s", jsonDetail(err))
	}
	if m.Format != backupFormat {
		return m, badArchive("%s 不是家园的备份文件（备份清单不是家园的）", filepath.Base(a.Path))
	}
	if m.Version != backupVersion {
		return m, badArchive("备份格式版本 %d 不认识（本程序认识 %d），请升级程序", m.Version, backupVersion)
	}
	return m, nil
}

// jsonDetail is a JSON decoding error in Chinese.
func jsonDetail(err error) string {
	switch err.(type) {
	case *json.SyntaxError:
		return "格式错误"
	case *json.UnmarshalTypeError:
		return "某一项的类型不对"
	}
	return "内容无效"
}

// verifiedBackup is a backup checked in full, with its database unpacked.
type verifiedBackup struct {
	a        *Archive
	manifest BackupManifest
	dbPath   string // unpacked snapshot, removed by close
}

func (v *verifiedBackup) close() {
	v.a.Close()
	if v.dbPath != "" {
		removeDBFiles(v.dbPath)
	}
}

// removeDBFiles removes a database file with its -wal, -shm and -journal files.
func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// VerifyBackup checks a backup file fully without changing anything: the zip
// is sound and not a bomb, every entry matches its SHA-256, the database opens
// read-only, passes PRAGMA integrity_check, its schema is not newer than this
// program's and is exactly the schema this program builds for its version.
func VerifyBackup(path string) (BackupManifest, error) {
	v, err := verifyBackup(path, os.TempDir())
	if err != nil {
		return BackupManifest{}, err
	}
	v.close()
	return v.manifest, nil
}

// verifyBackup is VerifyBackup, leaving the database unpacked in tmpDir.
func verifyBackup(path, tmpDir string) (*verifiedBackup, error) {
	a, err := OpenArchive(path, backupLimits)
	if err != nil {
		return nil, err
	}
	v := &verifiedBackup{a: a}
	fail := func(err error) (*verifiedBackup, error) { v.close(); return nil, err }
	if v.manifest, err = readManifestFrom(a); err != nil {
		return fail(err)
	}
	for _, f := range v.manifest.Files {
		if f.Name != backupDBEntry && !strings.HasPrefix(f.Name, AttachmentsDir+"/") {
			return fail(badArchive("备份里有不认识的文件“%s”", f.Name))
		}
	}
	if err := a.Verify(backupManifest, v.manifest.Files); err != nil {
		return fail(err)
	}
	if !a.Has(backupDBEntry) {
		return fail(badArchive("备份里没有数据库"))
	}
	if err := v.unpackDB(tmpDir); err != nil {
		return fail(err)
	}
	if err := checkBackupDB(v.dbPath, filepath.Base(path)); err != nil {
		return fail(err)
	}
	return v, nil
}

// unpackDB writes the backup's database into a new temporary file in tmpDir,
// after checking that it fits.
func (v *verifiedBackup) unpackDB(tmpDir string) error {
	size := v.a.Size(backupDBEntry)
	if free, err := FreeSpace(tmpDir); err == nil && free < size+(1<<20) {
		return &IOError{Path: tmpDir, Kind: IONoSpace, Op: "解开备份里的数据库", Free: free, Need: size + (1 << 20) - free}
	}
	tmp, err := os.CreateTemp(tmpDir, ".restore-*.db")
	if err != nil {
		if e := asIOError(err, tmpDir, "解开备份", size); e != nil {
			return e
		}
		return fmt.Errorf("无法解开备份：%s", Explain(err))
	}
	v.dbPath = tmp.Name()
	_, _, err = v.a.Copy(tmp, backupDBEntry)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if e := asIOError(err, tmpDir, "解开备份", size); e != nil {
			return e
		}
		return err
	}
	return nil
}

// checkBackupDB checks an unpacked backup database: integrity, schema
// version and schema. name is the backup file's name, for messages.
func checkBackupDB(path, name string) error {
	if err := checkFile(path, "integrity_check"); err != nil {
		if e, ok := IsIOError(err); ok {
			return e
		}
		detail := "无法读取"
		if d, ok := IsDamaged(err); ok {
			detail = d.Detail // not the unpacked copy's temporary path
		}
		return badArchive("%s 里的数据库未通过完整性检查（%s），不能用它恢复", name, detail)
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return badArchive("%s 里的数据库无法读取", name)
	}
	var schema int
	err = db.QueryRow(`PRAGMA user_version`).Scan(&schema)
	db.Close()
	if err != nil {
		return badArchive("%s 里的数据库无法读取（%s）", name, sqliteDetail(err))
	}
	if schema > SchemaVersion() {
		return fmt.Errorf("%w（备份的数据版本 %d，本程序只认识到 %d），请先升级程序再恢复", ErrTooNew, schema, SchemaVersion())
	}
	if schema < 1 {
		return badArchive("备份里的数据库是空的")
	}
	return checkBackupSchema(path, name, schema)
}
