package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"jiayuan/data"
)

// requireData refuses a data folder that holds no 家园 data, before anything
// is opened or created in it: a mistyped -data must not start a new, empty
// database for a job that only reads. Besides the database, a job may accept
// a file of its own (the backups folder for backups) as a sign of the folder.
// A folder that cannot be looked into is left to the opening to report.
func requireData(e *Env, dir string, alsoAccept ...string) error {
	hint := "请检查 -data 指定的文件夹"
	if e.defaultDir {
		hint = "这是默认的数据目录：请先打开窗口开始使用，或用 -data 指定数据所在的文件夹"
	}
	fi, err := os.Stat(dir)
	if err == nil && !fi.IsDir() {
		return fmt.Errorf("数据目录 %s 是一个文件，不是文件夹。%s。", dir, hint)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	for _, name := range append([]string{data.DBFile}, alsoAccept...) {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	return fmt.Errorf("数据目录 %s 里没有家园的数据（找不到 %s）。%s。", dir, data.DBFile, hint)
}

// existingDataDir is dataDir for a job that opens the store itself and only
// reads: the folder must hold data (see requireData).
func existingDataDir(e *Env, alsoAccept ...string) (string, error) {
	dir, err := dataDir(e)
	if err != nil {
		return "", err
	}
	return dir, requireData(e, dir, alsoAccept...)
}

// startsFolder reports whether job c with args may start a new data folder:
// the writing jobs (demo, import) and those that say so (exchange import).
func startsFolder(c *Command, args []string) bool {
	return c.Writes || (c.StartsFolder != nil && c.StartsFolder(args))
}
