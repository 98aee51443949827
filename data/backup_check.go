package data

import (
	"fmt"
	"path/filepath"
	"time"
)

// failedPrefix begins the name of a backup kept aside because its database
// failed the full check: backups/failed-auto-YYYYMMDD-HHMMSS.jyb or
// failed-manual-….jyb.
const failedPrefix = "failed-"

// BackupCheckError says a backup's database snapshot failed the full
// integrity check. The backup was not written where it was asked for (nor
// counted among the automatic backups); it was kept aside as Kept, which a
// restore refuses.
type BackupCheckError struct {
	Kind      string // BackupManual or BackupAuto
	Asked     string // where the backup was to be written
	Kept      string // the failed backup, in backups/
	Diagnosis Diagnosis
}

func (e *BackupCheckError) Error() string {
	what := "备份没有写到 " + e.Asked
	if e.Kind == BackupAuto {
		what = "这次自动备份不算数，已有的自动备份都保留"
	}
	return fmt.Sprintf("备份未完成：数据库未通过完整检查（%s），%s。这份有问题的备份另存为 %s，不能用来恢复。%s",
		e.Diagnosis.Summary(), what, e.Kept, e.Diagnosis.Advice())
}

// failedBackupPath is a new name in backups/ for a failed backup of kind.
func failedBackupPath(dir, kind string, now time.Time) (string, error) {
	base := failedPrefix + kind + "-" + now.Format("20060102-150405")
	for i := 1; i < 1000; i++ {
		name := base + BackupExt
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", base, i, BackupExt)
		}
		p := filepath.Join(BackupDir(dir), name)
		if !fileExists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("无法在 %s 里为有问题的备份取名", BackupDir(dir))
}
