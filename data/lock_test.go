package data

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// holderEnv makes this test binary, re-run by startLockHolder, a process
// that takes the data folder's lock, says so, and waits.
const holderEnv = "JIAYUAN_LOCK_HOLDER_DIR"

// TestLockHolderProcess is not a test: it is the body of the child process.
func TestLockHolderProcess(t *testing.T) {
	dir := os.Getenv(holderEnv)
	if dir == "" {
		t.Skip("only run as the lock-holding child process")
	}
	l, err := Acquire(dir, "锁测试进程")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("held")
	io.Copy(io.Discard, os.Stdin) // until the parent closes stdin or kills us
	l.Release()
	os.Exit(0)
}

// startLockHolder runs a child process holding dir's lock and returns once
// it holds it. The child is killed when the test ends.
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

// Deleting jiayuan.lock while another process holds the folder does not
// free it: a second writer is still refused, and the refused one leaves no
// new lock file behind.
func TestLockSurvivesDeletedLockFile(t *testing.T) {
	dir := t.TempDir()
	startLockHolder(t, dir)
	lockPath := filepath.Join(dir, LockFile)
	if err := os.Remove(lockPath); err != nil {
		if runtime.GOOS != "windows" {
			t.Fatal(err)
		}
		t.Logf("Windows refuses to delete a held lock file, as it should: %v", err)
	}
	for i := 0; i < 2; i++ {
		l, err := Acquire(dir, "第二个程序")
		if !errors.Is(err, ErrLocked) {
			l.Release()
			t.Fatalf("acquire %d after jiayuan.lock was deleted: %v, want ErrLocked", i+1, err)
		}
		if !strings.Contains(err.Error(), dir) {
			t.Errorf("refusal %q does not name the folder", err)
		}
	}
	if runtime.GOOS != "windows" {
		if _, err := os.Stat(lockPath); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a refused Acquire made a new lock file: %v", err)
		}
	}
}

// A holder killed with SIGKILL (no Release, no deferred code) leaves the
// folder free: the operating system drops its locks with the process.
func TestKilledLockHolderReleasesLock(t *testing.T) {
	dir := t.TempDir()
	cmd := startLockHolder(t, dir)
	if _, err := Acquire(dir, "第二个程序"); !errors.Is(err, ErrLocked) {
		t.Fatalf("while held: %v, want ErrLocked", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	l, err := Acquire(dir, "第二个程序")
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	defer l.Release()
	if b, _ := os.ReadFile(filepath.Join(dir, LockFile)); string(b) != "第二个程序" {
		t.Errorf("lock file names %q, want the new holder", b)
	}
}
