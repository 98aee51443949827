package data

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
)

// Every file the program writes where the clerk says (a sheet, a PDF, a
// backup, an exchange file, a template) goes through WriteOutput: the target
// is checked against the data folder (CheckOutputPath), then written into a
// temporary file beside it, synced and renamed into place, so the target is
// either whole or as it was, and no empty or partial file is left behind.

// CheckOutputPath refuses a file about to be written when it is, or resolves
// to (through symbolic links, also a dangling one, of the file or of any of
// its folders), the data folder or anything inside it: the database and its
// -wal/-shm files, the lock file, the attachments, the backups, a damaged-…
// folder. Writing there could replace the live data.
func (s *Store) CheckOutputPath(path string) error {
	return CheckOutputPath(s.dir, path)
}

// WriteOutput is WriteOutput for the store's data folder.
func (s *Store) WriteOutput(path string, fn func(w io.Writer) error) (int64, error) {
	return WriteOutput(s.dir, path, fn)
}

// WriteOutput checks path against the data folder dir (CheckOutputPath),
// then writes it through fn atomically (see WriteFileAtomic). It returns the
// size written.
func WriteOutput(dir, path string, fn func(w io.Writer) error) (int64, error) {
	if err := CheckOutputPath(dir, path); err != nil {
		return 0, err
	}
	return writeAtomic(path, fn)
}

// CheckOutputPath is Store.CheckOutputPath for a data folder dir. An empty
// dir means no data folder could be found (a job that needs none, on a
// machine without a home folder): there is nothing to protect.
func CheckOutputPath(dir, path string) error {
	if dir == "" {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("无法确定文件 %s 的位置：%w", path, err)
	}
	dirAbs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("无法确定数据目录 %s 的位置：%w", dir, err)
	}
	target, err := resolveTarget(abs)
	if err != nil {
		return fmt.Errorf("不能写到 %s：%s", path, err)
	}
	data := resolveDir(dirAbs)
	via := ""
	if !samePath(target, abs) {
		via = "（它实际指向 " + target + "）"
	}
	if ownFile(data, abs, target) {
		return fmt.Errorf("不能写到 %s%s：这是数据目录自己的文件，写入会毁掉现有数据，请另选一个文件名", path, via)
	}
	att := filepath.Join(data, AttachmentsDir)
	if samePath(target, att) || within(att, target) {
		return fmt.Errorf("不能写到 %s%s：附件目录只存放申报的附件，请另选一个位置", path, via)
	}
	for _, t := range []string{abs, target} {
		if samePath(t, dirAbs) || samePath(t, data) || within(dirAbs, t) || within(data, t) || underFolder(data, t) {
			return fmt.Errorf("不能写到 %s%s：它在数据目录 %s 里，数据目录只存放家园自己的数据，请另选一个位置", path, via, dir)
		}
	}
	return nil
}

// DataFolderAbove is the nearest folder at or above path's resolved folder
// that holds 家园's data (a jiayuan.db or a jiayuan.lock), or "" when there is
// none: a job that has no data folder of its own (the template, the
// calibration page) still keeps its output out of any it can recognise.
func DataFolderAbove(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	target, err := resolveTarget(abs)
	if err != nil {
		target = abs
	}
	for q := filepath.Dir(target); ; q = filepath.Dir(q) {
		for _, name := range []string{DBFile, LockFile} {
			if _, err := os.Lstat(filepath.Join(q, name)); err == nil {
				return q
			}
		}
		if filepath.Dir(q) == q {
			return ""
		}
	}
}

// ownFile reports whether abs or its resolved target is one of the data
// folder's own files, by name or (a hard link) by identity.
func ownFile(data, abs, target string) bool {
	db := filepath.Join(data, DBFile)
	fi, statErr := os.Stat(abs)
	for _, own := range []string{db, db + "-wal", db + "-shm", db + "-journal", filepath.Join(data, LockFile)} {
		if samePath(target, own) {
			return true
		}
		if statErr == nil && fi.Mode().IsRegular() {
			if oi, err := os.Stat(own); err == nil && os.SameFile(fi, oi) {
				return true
			}
		}
	}
	return false
}

// underFolder reports whether p's folder, or any folder above it, is the
// folder data by identity (a bind mount, another spelling of the same name on
// a file system that ignores case).
func underFolder(data, p string) bool {
	di, err := os.Stat(data)
	if err != nil {
		return false
	}
	for q := filepath.Dir(p); ; q = filepath.Dir(q) {
		if qi, err := os.Stat(q); err == nil && os.SameFile(di, qi) {
			return true
		}
		if filepath.Dir(q) == q {
			return false
		}
	}
}

// resolveTarget is where writing to abs lands: its folder with symbolic
// links followed, and the file itself followed while it is a link, even one
// pointing at a file that does not exist yet.
func resolveTarget(abs string) (string, error) {
	p := abs
	for i := 0; i < 40; i++ {
		p = filepath.Join(resolveDir(filepath.Dir(p)), filepath.Base(p))
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return p, nil
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = filepath.Clean(link)
	}
	return "", errors.New("符号链接层层相套，无法确定它指向哪里")
}

// resolveDir is the folder p with symbolic links followed; for a folder
// that does not exist yet, its nearest existing parent is resolved and the
// rest kept as written.
func resolveDir(p string) string {
	p = filepath.Clean(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(resolveDir(parent), filepath.Base(p))
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
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		folder, p = strings.ToLower(folder), strings.ToLower(p)
	}
	rel, err := filepath.Rel(folder, p)
	if err != nil || rel == "." {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// WriteFileAtomic writes a file through fn into a temporary file beside path,
// syncs it and renames it into place, so path is either whole or as it was;
// on any failure the temporary file is removed. A symbolic link at path is
// replaced, never written through. It does not check path against the data
// folder: the program's own files (automatic backups, attachments) are
// written with it; a file the clerk names goes through WriteOutput.
func WriteFileAtomic(path string, fn func(w io.Writer) error) error {
	_, err := writeAtomic(path, fn)
	return err
}

func writeAtomic(path string, fn func(w io.Writer) error) (int64, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return 0, fmt.Errorf("不能写到 %s：这是一个文件夹，请另写一个文件名", path)
	}
	dir, base := splitPath(path)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return 0, fmt.Errorf("无法在文件夹 %s 里写文件 %s：%w", dir, base, bareOSError(err))
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	cw := &countWriter{w: outputWriter(tmp)}
	bw := bufio.NewWriterSize(cw, 256<<10)
	if err := fn(bw); err != nil {
		return 0, writeError(path, err)
	}
	if err := bw.Flush(); err != nil {
		return 0, writeError(path, err)
	}
	if err := tmp.Sync(); err != nil {
		return 0, writeError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return 0, writeError(path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return 0, writeError(path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("无法保存 %s（文件可能正被其他程序打开）：%w", path, bareOSError(err))
	}
	ok = true
	syncDir(dir)
	return cw.n, nil
}

// writeError names path in a failure to write it: the operating system's
// own errors lose the temporary file's name; a job's own errors (already in
// Chinese, naming what failed) pass through unchanged.
func writeError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) || isErrno(err) {
		return fmt.Errorf("无法写入 %s：%w", path, bareOSError(err))
	}
	return err
}

// bareOSError is err without the file name the operating system put in
// front (the temporary file's, which means nothing to the clerk).
func bareOSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

func isErrno(err error) bool {
	var e syscall.Errno
	return errors.As(err, &e)
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

var (
	outputFaultMu sync.Mutex
	outputFault   func(w io.Writer) io.Writer
)

// InjectOutputFault makes every file written from now on (WriteOutput,
// WriteFileAtomic) go through wrap, so a test can make the disk fail or
// fill up in the middle of a write; the returned func undoes it.
// For tests only.
func InjectOutputFault(wrap func(w io.Writer) io.Writer) (undo func()) {
	outputFaultMu.Lock()
	outputFault = wrap
	outputFaultMu.Unlock()
	return func() {
		outputFaultMu.Lock()
		outputFault = nil
		outputFaultMu.Unlock()
	}
}

func outputWriter(f *os.File) io.Writer {
	outputFaultMu.Lock()
	defer outputFaultMu.Unlock()
	if outputFault != nil {
		return outputFault(f)
	}
	return f
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
