package data

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

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

// WriteFileAtomic writes a file through fn into a temporary file beside path,
// syncs it and renames it into place, so path is either whole or absent.
func WriteFileAtomic(path string, fn func(w io.Writer) error) error {
	dir, base := splitPath(path)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fn(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	ok = true
	syncDir(dir)
	return nil
}

func splitPath(p string) (string, string) {
	i := strings.LastIndexAny(p, `/\`)
	if i < 0 {
		return ".", p
	}
	if i == 0 {
		return p[:1], p[1:]
	}
	return p[:i], p[i+1:]
}
