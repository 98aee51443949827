package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"jiayuan/data"
)

// holderEnv makes this test binary, re-run by startLockHolder, a process
// that holds a data folder's lock (as the window or a running import does)
// and waits.
const holderEnv = "JIAYUAN_CLI_LOCK_HOLDER_DIR"

// TestLockHolderProcess is not a test: it is the body of the child process.
func TestLockHolderProcess(t *testing.T) {
	dir := os.Getenv(holderEnv)
	if dir == "" {
		t.Skip("only run as the lock-holding child process")
	}
	l, err := data.Acquire(dir, "导入任务")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("held")
	io.Copy(io.Discard, os.Stdin)
	l.Release()
	os.Exit(0)
}

func startLockHolder(t *testing.T, dir string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHolderProcess$")
	cmd.Env = append(os.Environ(), holderEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "held" {
		t.Fatalf("lock holder: %q", line)
	}
	return cmd
}

// While another process holds the data folder (an import running), deleting
// jiayuan.lock does not let a restore, an import or the demo job run
// under it: each is refused and the database is left byte for byte. Once the
// holder is killed, the restore runs.
func TestWritingJobsRefusedAfterLockFileDeleted(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	backup := filepath.Join(files, "备份.jyb")
	sheetFile := filepath.Join(files, "社区.xlsx")
	for _, args := range [][]string{{"backup", backup}, {"export", "communities", sheetFile}} {
		if code, _, stderr := runJob(t, dir, args...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	holder := startLockHolder(t, dir)
	if err := os.Remove(filepath.Join(dir, data.LockFile)); err != nil && runtime.GOOS != "windows" {
		t.Fatal(err)
	}
	db := filepath.Join(dir, data.DBFile)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"restore", backup},
		{"import", "communities", sheetFile},
		{"demo"},
	} {
		code, stdout, stderr := runJob(t, dir, args...)
		if code != 1 || !strings.Contains(stderr, data.ErrLocked.Error()) {
			t.Errorf("%v with jiayuan.lock deleted under a holder: exit %d, stdout %q, stderr %q; want the folder-in-use refusal",
				args, code, stdout, stderr)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Errorf("the database changed while another process held the folder")
	}
	holder.Process.Kill() // kill -9: no Release
	holder.Wait()
	if code, stdout, stderr := runJob(t, dir, "restore", backup); code != 0 || !strings.Contains(stdout, "已从") {
		t.Errorf("restore after the holder was killed: exit %d, %q %q", code, stdout, stderr)
	}
}
