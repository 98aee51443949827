package documents

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile runs gen into a temporary file in path's folder and renames it
// to path on success; on failure the temporary file is removed. It returns the
// file's size. The window and the command line both save through it.
func WriteFile(path string, gen func(w io.Writer) error) (int64, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("无法在“%s”写文件：%w", dir, err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := gen(bw); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("写入“%s”：%w", path, err)
	}
	fi, err := tmp.Stat()
	if err != nil {
		return 0, fmt.Errorf("写入“%s”：%w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return 0, fmt.Errorf("写入“%s”：%w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return 0, fmt.Errorf("写入“%s”：%w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return 0, fmt.Errorf("无法保存“%s”（文件可能正被 PDF 阅读器打开）：%w", path, err)
	}
	ok = true
	return fi.Size(), nil
}
