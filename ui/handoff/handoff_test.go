package handoff

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serve starts a window's end on dir; what it is asked to open arrives on
// the channel. It is closed when the test ends.
func serve(t *testing.T, dir string) (*Server, chan string) {
	t.Helper()
	s, err := Listen(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 16)
	go s.Serve(func(p string) { got <- p })
	t.Cleanup(func() { s.Close() })
	return s, got
}

func touch(t *testing.T, path string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A second start with a file hands it to the first, which receives exactly
// that path; without a file it only asks the window to come forward.
func TestSecondStartHandsTheFileOver(t *testing.T) {
	dir := t.TempDir()
	_, got := serve(t, dir)
	file := touch(t, filepath.Join(t.TempDir(), "滨江 社区.JYX"))
	var out strings.Builder
	if !Hand(dir, file, &out) {
		t.Fatal("the running window did not take the file")
	}
	if p := <-got; p != file {
		t.Fatalf("the window was asked to open %q, want %q", p, file)
	}
	if !strings.Contains(out.String(), "滨江 社区.JYX") || !strings.Contains(out.String(), "已经打开") {
		t.Errorf("the second start said %q", out.String())
	}
	out.Reset()
	if !Hand(dir, "", &out) || <-got != "" || !strings.Contains(out.String(), "调到前面") {
		t.Errorf("a start without a file: %q", out.String())
	}
}

// The file a crashed window left behind names a port nobody answers on: a
// second start is told no window took it (and falls back to the lock's
// message), and the next window replaces the file and is reached.
func TestStaleHandoffFileAfterACrash(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	os.WriteFile(filepath.Join(dir, HandoffFile), []byte(addr+"\nabcdef\n"), 0o600)
	file := touch(t, filepath.Join(t.TempDir(), "a.jyx"))
	var out strings.Builder
	if Hand(dir, file, &out) || out.Len() != 0 {
		t.Fatalf("a stale handoff file was taken for a window: %q", out.String())
	}
	os.WriteFile(filepath.Join(dir, HandoffFile), []byte("garbage"), 0o600)
	if Send(dir, file) == nil {
		t.Fatal("a garbage handoff file was taken for a window")
	}
	os.WriteFile(filepath.Join(dir, HandoffFile), []byte("192.0.2.1:80\nabc\n"), 0o600)
	if err := Send(dir, file); err == nil || !strings.Contains(err.Error(), "无效") {
		t.Fatalf("a handoff file pointing off this machine: %v", err)
	}

	s, got := serve(t, dir)
	if err := Send(dir, file); err != nil {
		t.Fatalf("the new window was not reached: %v", err)
	}
	if p := <-got; p != file {
		t.Fatalf("got %q", p)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, HandoffFile)); !os.IsNotExist(err) {
		t.Errorf("the handoff file outlives the window: %v", err)
	}
}

// Whatever else reaches the port is refused with a reason and nothing is
// opened: no or a wrong token, garbage, a line too long, a path that is
// missing, relative, not clean, not an exchange file or backup, a folder,
// or carries control characters. A connection that says nothing does not
// hold up the next request.
func TestHostileRequestsAreRefused(t *testing.T) {
	dir := t.TempDir()
	s, got := serve(t, dir)
	files := t.TempDir()
	good := touch(t, filepath.Join(files, "好.jyb"))
	exe := touch(t, filepath.Join(files, "evil.exe"))
	folder := filepath.Join(files, "folder.jyx")
	os.Mkdir(folder, 0o755)
	addr := s.ln.Addr().String()

	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()

	ask := func(req string) string {
		t.Helper()
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		go func() {
			c.Write([]byte(req))
			c.(*net.TCPConn).CloseWrite()
		}()
		reply, _ := bufio.NewReader(c).ReadString('\n')
		return reply
	}
	tok := s.token
	for name, req := range map[string]string{
		"no token":        good + "\n",
		"wrong token":     strings.Repeat("0", len(tok)) + "\t" + good + "\n",
		"token prefix":    tok[:10] + "\t" + good + "\n",
		"garbage":         "\x00\xff\xfe GET / HTTP/1.1\r\n",
		"too long":        tok + "\t/" + strings.Repeat("a", MaxRequest) + ".jyx\n",
		"no newline, EOF": tok + "\t" + good,
		"missing":         fmt.Sprintf("%s\t%s\n", tok, filepath.Join(files, "none.jyx")),
		"relative":        tok + "\tsome/where.jyx\n",
		"unclean":         tok + "\t" + files + "/x/../好.jyb\n",
		"not ours":        tok + "\t" + exe + "\n",
		"folder":          tok + "\t" + folder + "\n",
		"control":         tok + "\t" + files + "/a\x1b.jyx\n",
		"bad utf8":        tok + "\t" + files + "/\xff.jyx\n",
	} {
		if reply := ask(req); !strings.HasPrefix(reply, "ERR ") {
			t.Errorf("%s: answered %q", name, reply)
		}
	}
	if err := Send(dir, good); err != nil {
		t.Fatalf("a good request after the bad ones: %v", err)
	}
	if p := <-got; p != good {
		t.Fatalf("the window was asked to open %q before the good request", p)
	}
	s.Close()
	select {
	case p := <-got:
		t.Errorf("a refused request was opened: %q", p)
	default:
	}
}

// Only one .jyx or .jyb argument is a file to open; anything else is a job.
// A file that cannot be opened is said in Chinese.
func TestFileArg(t *testing.T) {
	dir := t.TempDir()
	f := touch(t, filepath.Join(dir, "社区.jyx"))
	if p, ok, err := FileArg([]string{f}); !ok || err != nil || p != f {
		t.Errorf("%s: %q %v %v", f, p, ok, err)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	if p, ok, err := FileArg([]string{"社区.jyx"}); !ok || err != nil || p != f {
		t.Errorf("relative: %q %v %v", p, ok, err)
	}
	for _, args := range [][]string{{"version"}, {"backup", "x.jyb"}, {"exchange", "import", "社区.jyx"}, {}, {"a.jyx", "b.jyx"}} {
		if _, ok, _ := FileArg(args); ok {
			t.Errorf("%q taken for a file to open", args)
		}
	}
	if _, ok, err := FileArg([]string{"没有.jyb"}); !ok || err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing file: %v %v", ok, err)
	}
}
