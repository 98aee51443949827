package data

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Archive is a zip file (a backup or an exchange file) opened for careful
// reading: every entry name is checked, and every entry's declared and
// actual sizes are held to limits, so a hostile file cannot write outside
// its folder or unpack into more than the limits allow.
type Archive struct {
	Path   string
	Limits ArchiveLimits
	zr     *zip.ReadCloser
	files  map[string]*zip.File
	names  []string
}

// ArchiveLimits bound what an archive may unpack into.
type ArchiveLimits struct {
	MaxEntries int   // number of entries
	MaxEntry   int64 // uncompressed bytes of one entry
	MaxTotal   int64 // uncompressed bytes of all entries
}

// ArchiveFile is one entry as listed in a manifest.
type ArchiveFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ErrBadArchive is wrapped by every refusal of an archive's content.
var ErrBadArchive = errors.New("文件无效")

// zipDetail says in Chinese what the zip reader found wrong; errors it
// does not know (Go's English, e.g. "negative offset") are not shown.
func zipDetail(err error) string {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "压缩结构无效，或解压后与声明的大小不符"
	case errors.Is(err, zip.ErrChecksum):
		return "校验和不符"
	case errors.Is(err, zip.ErrAlgorithm):
		return "压缩方式不认识"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &ce):
		return "压缩数据不完整或已损坏"
	}
	return "文件结构无效"
}

func badArchive(format string, a ...any) error {
	return fmt.Errorf("%w：%s", ErrBadArchive, fmt.Sprintf(format, a...))
}

// OpenArchive opens the zip at path and checks its entry names and declared
// sizes against lim. Nothing is unpacked yet.
func OpenArchive(path string, lim ArchiveLimits) (*Archive, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("找不到文件 %s：%w", path, err)
		}
		if errors.Is(err, zip.ErrFormat) {
			return nil, badArchive("%s 不完整或不是本程序的文件", path)
		}
		return nil, badArchive("%s 不完整或不是本程序的文件（%s）", path, zipDetail(err))
	}
	a := &Archive{Path: path, Limits: lim, zr: zr, files: map[string]*zip.File{}}
	if err := a.scan(); err != nil {
		zr.Close()
		return nil, err
	}
	return a, nil
}

func (a *Archive) scan() error {
	if len(a.zr.File) > a.Limits.MaxEntries {
		return badArchive("包含 %d 个文件，超过上限 %d", len(a.zr.File), a.Limits.MaxEntries)
	}
	var total uint64
	for _, f := range a.zr.File {
		if err := CheckEntryName(f.Name); err != nil {
			return err
		}
		if !f.Mode().IsRegular() {
			return badArchive("“%s”不是普通文件", f.Name)
		}
		if _, dup := a.files[f.Name]; dup {
			return badArchive("“%s”出现了两次", f.Name)
		}
		if f.UncompressedSize64 > uint64(a.Limits.MaxEntry) {
			return badArchive("“%s”解压后有 %s，超过单个文件上限 %s", f.Name, HumanSize(int64(f.UncompressedSize64)), HumanSize(a.Limits.MaxEntry))
		}
		total += f.UncompressedSize64
		if total > uint64(a.Limits.MaxTotal) {
			return badArchive("解压后超过总量上限 %s", HumanSize(a.Limits.MaxTotal))
		}
		a.files[f.Name] = f
		a.names = append(a.names, f.Name)
	}
	sort.Strings(a.names)
	return nil
}

// CheckEntryName refuses an entry name that is empty, absolute, climbs out
// with "..", uses backslashes or a drive letter, or holds control characters.
func CheckEntryName(name string) error {
	if name == "" {
		return badArchive("有一个没有名字的文件")
	}
	if strings.HasPrefix(name, "/") || strings.Contains(name, "\\") ||
		(len(name) >= 2 && name[1] == ':') {
		return badArchive("文件名“%s”是绝对路径", name)
	}
	for _, part := range strings.Split(name, "/") {
		switch part {
		case "..":
			return badArchive("文件名“%s”含有“..”，指向文件夹之外", name)
		case "", ".":
			return badArchive("文件名“%s”不规范", name)
		}
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return badArchive("文件名“%q”含有控制字符", name)
		}
	}
	return nil
}

// Close closes the archive.
func (a *Archive) Close() error { return a.zr.Close() }

// Names lists the entries, sorted.
func (a *Archive) Names() []string { return a.names }

// Has reports whether the archive holds name.
func (a *Archive) Has(name string) bool { _, ok := a.files[name]; return ok }

// Size is the declared uncompressed size of name.
func (a *Archive) Size(name string) int64 {
	if f, ok := a.files[name]; ok {
		return int64(f.UncompressedSize64)
	}
	return 0
}

// Copy writes entry name to w, refusing it when it is longer than declared
// or than the limit, and returns its SHA-256 (hex) and length.
func (a *Archive) Copy(w io.Writer, name string) (string, int64, error) {
	f, ok := a.files[name]
	if !ok {
		return "", 0, badArchive("缺少“%s”", name)
	}
	rc, err := f.Open()
	if err != nil {
		return "", 0, badArchive("无法读取“%s”：%s", name, zipDetail(err))
	}
	defer rc.Close()
	max := int64(f.UncompressedSize64)
	if max > a.Limits.MaxEntry {
		max = a.Limits.MaxEntry
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(rc, max+1))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return "", n, fmt.Errorf("无法写出“%s”：%w", name, err)
		}
		return "", n, badArchive("“%s”已损坏或不完整：%s", name, zipDetail(err))
	}
	if n > max {
		return "", n, badArchive("“%s”解压后比声明的更大（可能是恶意文件）", name)
	}
	if n != int64(f.UncompressedSize64) {
		return "", n, badArchive("“%s”不完整", name)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// ReadAll reads a small entry whole (at most max bytes).
func (a *Archive) ReadAll(name string, max int64) ([]byte, error) {
	if a.Size(name) > max {
		return nil, badArchive("“%s”有 %s，超过上限 %s", name, HumanSize(a.Size(name)), HumanSize(max))
	}
	var b bytes.Buffer
	if _, _, err := a.Copy(&b, name); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Verify checks that the archive holds exactly the listed files besides
// the manifest itself, and that every one has its listed size and SHA-256.
// It reads every entry through to the end.
func (a *Archive) Verify(manifestName string, list []ArchiveFile) error {
	listed := map[string]bool{manifestName: true}
	for _, f := range list {
		if err := CheckEntryName(f.Name); err != nil {
			return err
		}
		if listed[f.Name] {
			return badArchive("清单里“%s”出现了两次", f.Name)
		}
		listed[f.Name] = true
		if !a.Has(f.Name) {
			return badArchive("清单里的“%s”不在文件中（文件不完整）", f.Name)
		}
		sum, n, err := a.Copy(io.Discard, f.Name)
		if err != nil {
			return err
		}
		if n != f.Size || !strings.EqualFold(sum, f.SHA256) {
			return badArchive("“%s”的校验值与清单不符（文件被改动或已损坏）", f.Name)
		}
	}
	for _, n := range a.names {
		if !listed[n] {
			return badArchive("“%s”不在清单里", n)
		}
	}
	return nil
}

// archiveWriter writes a zip whose manifest lists every entry's SHA-256.
type archiveWriter struct {
	zw    *zip.Writer
	files []ArchiveFile
}

func newArchiveWriter(w io.Writer) *archiveWriter { return &archiveWriter{zw: zip.NewWriter(w)} }

// add writes one entry from r; compress is false for already compressed files.
func (aw *archiveWriter) add(name string, r io.Reader, compress bool) error {
	m := zip.Deflate
	if !compress {
		m = zip.Store
	}
	w, err := aw.zw.CreateHeader(&zip.FileHeader{Name: name, Method: m, Modified: time.Now()})
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), r)
	if err != nil {
		return fmt.Errorf("“%s”：%w", name, err)
	}
	aw.files = append(aw.files, ArchiveFile{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

func (aw *archiveWriter) addFile(name, path string, compress bool) (ArchiveFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return ArchiveFile{}, err
	}
	defer f.Close()
	if err := aw.add(name, f, compress); err != nil {
		return ArchiveFile{}, err
	}
	return aw.files[len(aw.files)-1], nil
}

// NewArchiveWriter starts a zip on w whose entries are summed as they are
// written; Files lists them for the manifest, written last with AddManifest.
func NewArchiveWriter(w io.Writer) *ArchiveWriter { return &ArchiveWriter{aw: newArchiveWriter(w)} }

// ArchiveWriter is the exported face of archiveWriter, for data/exchange.
type ArchiveWriter struct{ aw *archiveWriter }

// Add writes one entry.
func (w *ArchiveWriter) Add(name string, r io.Reader, compress bool) error {
	return w.aw.add(name, r, compress)
}

// AddFile writes one entry from a file on disk.
func (w *ArchiveWriter) AddFile(name, path string, compress bool) (ArchiveFile, error) {
	return w.aw.addFile(name, path, compress)
}

// Files lists the entries written so far.
func (w *ArchiveWriter) Files() []ArchiveFile { return w.aw.files }

// Close writes the manifest entry (not listed in itself) and finishes the zip.
func (w *ArchiveWriter) Close(manifestName string, manifest []byte) error {
	fw, err := w.aw.zw.CreateHeader(&zip.FileHeader{Name: manifestName, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return err
	}
	if _, err := fw.Write(manifest); err != nil {
		return err
	}
	return w.aw.zw.Close()
}

// HumanSize writes a byte count for a clerk: 3.2 MB.
func HumanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}
