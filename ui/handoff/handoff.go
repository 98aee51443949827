// Package handoff is how a file reaches the window: a .jyx exchange file or
// a .jyb backup named on the command line (`jiayuan FILE.jyx`, which is how
// the operating system opens a double-clicked file), and, when the window is
// already open on the same data folder, the way a second start hands its
// file to it instead of failing on the folder's lock.
//
// The running window listens on a loopback TCP port; the port and a random
// token are written to HandoffFile in the data folder (readable by the user
// only), and only while the window holds the folder's lock, so a file left
// by a crash is never trusted: the second start reads it only when the lock
// is held, and a port nobody answers on is an error like any other. A
// request is one line, the token and an absolute path, at most MaxRequest
// bytes; anything else is refused and nothing is opened. The path is checked
// again by the window's side (Check) before the window is asked to open it,
// and the window itself only shows a preview or asks (it never acts on the
// file without the clerk's confirmation).
//
// No Fyne here: the window passes its own function to Serve.
package handoff

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"jiayuan/data"
	"jiayuan/data/exchange"
)

// HandoffFile is the file in the data folder that tells a second start where
// the running window listens.
const HandoffFile = "jiayuan.handoff"

// MaxRequest bounds a request line (token, tab, path, newline).
const MaxRequest = 8 << 10

// ioTimeout bounds how long either side waits for the other.
const ioTimeout = 5 * time.Second

// IsOpenable reports whether name ends like a file the window opens: a .jyx
// exchange file or a .jyb backup (any case).
func IsOpenable(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == exchange.Ext || ext == data.BackupExt
}

// FileArg recognises the command line `jiayuan [-data DIR] FILE.jyx|.jyb`:
// ok when the arguments are exactly one such file (then they are not a
// job's name), with the file's absolute path, or the reason it cannot be
// opened (missing, a folder, unreadable), said in Chinese.
func FileArg(args []string) (path string, ok bool, err error) {
	if len(args) != 1 || !IsOpenable(args[0]) {
		return "", false, nil
	}
	abs, err := filepath.Abs(args[0])
	if err != nil {
		return "", true, fmt.Errorf("无法确定文件 %s 的位置：%w", args[0], err)
	}
	return abs, true, Check(abs)
}

// Check says why path is not a file the window may open: it must be an
// absolute, clean path of valid text without control characters, ending in
// .jyx or .jyb, naming an existing regular file.
func Check(path string) error {
	switch {
	case path == "" || len(path) > MaxRequest || !utf8.ValidString(path) || strings.IndexFunc(path, unicode.IsControl) >= 0:
		return errors.New("文件路径无效")
	case !filepath.IsAbs(path) || filepath.Clean(path) != path:
		return fmt.Errorf("文件路径 %s 不是完整路径", path)
	case !IsOpenable(path):
		return fmt.Errorf("%s 不是交换文件（%s）或备份文件（%s）", filepath.Base(path), exchange.Ext, data.BackupExt)
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("找不到文件 %s", path)
	case err != nil:
		return fmt.Errorf("无法读取文件 %s", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s 不是文件", path)
	}
	return nil
}

// Server is the running window's end: it listens on a loopback port named,
// with its token, in the data folder's HandoffFile.
type Server struct {
	ln    net.Listener
	token string
	file  string
	once  sync.Once
}

// Listen starts listening for dir's window. The caller holds dir's lock;
// a HandoffFile left by a crash is replaced.
func Listen(dir string) (*Server, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, token: hex.EncodeToString(key), file: filepath.Join(dir, HandoffFile)}
	body := ln.Addr().String() + "\n" + s.token + "\n"
	if err := os.WriteFile(s.file, []byte(body), 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	return s, nil
}

// Serve answers requests until Close, one at a time: open is called with
// each checked path ("" asks only to bring the window forward). A request
// that is too long, has no valid token, or names a path Check refuses is
// answered with the reason and open is not called.
func (s *Server) Serve(open func(path string)) {
	var mu sync.Mutex
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			path, err := s.read(c)
			c.SetDeadline(time.Now().Add(ioTimeout))
			if err != nil {
				fmt.Fprintf(c, "ERR %s\n", err)
				// Read what the other side still sends (bounded, until the
				// deadline) so closing does not reset the reply away.
				io.Copy(io.Discard, io.LimitReader(c, 64<<10))
				return
			}
			fmt.Fprint(c, "OK\n")
			mu.Lock()
			defer mu.Unlock()
			open(path)
		}()
	}
}

// read reads and checks one request.
func (s *Server) read(c net.Conn) (string, error) {
	c.SetDeadline(time.Now().Add(ioTimeout))
	line, err := bufio.NewReaderSize(&limited{c, MaxRequest}, 512).ReadString('\n')
	if err != nil {
		return "", errors.New("请求不完整或过长")
	}
	token, path, found := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
	if !found || subtle.ConstantTimeCompare([]byte(token), []byte(s.token)) != 1 {
		return "", errors.New("请求无效")
	}
	if path == "" {
		return "", nil
	}
	return path, Check(path)
}

// limited reads at most n bytes in all, then io.EOF.
type limited struct {
	c net.Conn
	n int
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errors.New("too long")
	}
	if len(p) > l.n {
		p = p[:l.n]
	}
	k, err := l.c.Read(p)
	l.n -= k
	return k, err
}

// Close stops listening and removes HandoffFile.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		err = s.ln.Close()
		os.Remove(s.file)
	})
	return err
}

// Send hands path (absolute and checked; "" to bring the window forward
// only) to the window running on dir. An error means no window took it:
// none is listening (a CLI job holds the lock, or the file is stale), or it
// refused the request.
func Send(dir, path string) error {
	b, err := os.ReadFile(filepath.Join(dir, HandoffFile))
	if err != nil {
		return err
	}
	addr, token, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host != "127.0.0.1" {
		return fmt.Errorf("%s 无效", HandoffFile)
	}
	c, err := net.DialTimeout("tcp", addr, ioTimeout)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(ioTimeout))
	if _, err := fmt.Fprintf(c, "%s\t%s\n", strings.TrimSpace(token), path); err != nil {
		return err
	}
	reply, err := bufio.NewReaderSize(&limited{c, 4096}, 512).ReadString('\n')
	if err != nil {
		return fmt.Errorf("正在运行的家园窗口没有回应")
	}
	if reply != "OK\n" {
		return fmt.Errorf("正在运行的家园窗口没有接受：%s", strings.TrimSpace(strings.TrimPrefix(reply, "ERR ")))
	}
	return nil
}

// Hand gives file ("" for none) to the window already running on dir,
// which comes forward and opens it, and says so on w. False when no window
// took it: the caller reports the folder's lock as before.
func Hand(dir, file string, w io.Writer) bool {
	if err := Send(dir, file); err != nil {
		return false
	}
	if file == "" {
		fmt.Fprintln(w, "家园的窗口已经打开，已把它调到前面。")
	} else {
		fmt.Fprintf(w, "家园的窗口已经打开，已把 %s 交给它打开。\n", filepath.Base(file))
	}
	return true
}
