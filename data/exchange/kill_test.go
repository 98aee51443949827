package exchange

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/data/storetest"
)

// The kill tests re-run this test binary as a child process that imports
// into a data folder and reports its progress on stdout; the parent kills it
// with SIGKILL in the middle, then reopens the folder.
const childEnv = "JIAYUAN_KILL_CHILD"

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		os.Exit(child(role, os.Getenv("JIAYUAN_KILL_DIR"), os.Getenv("JIAYUAN_KILL_FILE")))
	}
	os.Exit(storetest.Main(m))
}

// child imports file into dir and prints "p DONE TOTAL" as it goes.
func child(role, dir, file string) int {
	lock, err := data.Acquire(dir, "kill test child")
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer lock.Release()
	st, err := data.Open(dir)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer st.Close()
	progress := func(done, total int) { fmt.Printf("p %d %d\n", done, total) }
	switch role {
	case "exchange":
		pkg, err := Read(file)
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
		_, err = Apply(st, pkg, Decisions{Progress: progress})
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
	case "restore":
		progress(0, 1)
		if _, err := st.RestoreBackup(file); err != nil {
			fmt.Println("error", err)
			return 1
		}
	case "sheet":
		if _, err := sheet.Import(st, sheet.Communities, file, progress); err != nil {
			fmt.Println("error", err)
			return 1
		}
	}
	fmt.Println("done")
	return 0
}

// bigStore holds n communities with a compound each.
func bigStore(t testing.TB, n int) *data.Store {
	t.Helper()
	st := openStore(t)
	err := st.Write(func(tx *data.Tx) error {
		for i := 0; i < n; i++ {
			c := &data.Community{Name: fmt.Sprintf("测试社区%05d", i), Households: data.Exact(int64(1000 + i)),
				Secretary: "张三", Address: "华阳大道" + strconv.Itoa(i) + "号"}
			if err := tx.SaveCommunity(c); err != nil {
				return err
			}
			x := &data.Compound{CommunityID: c.ID, Name: "幸福小区", Kind: "商品房"}
			if err := tx.SaveCompound(x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// killDuring runs the child on a fresh data folder and kills it once it has
// reported progress beyond at (a fraction of the total). It returns the
// data folder and whether the child was seen finishing.
func killDuring(t *testing.T, role, file string, at float64) (string, bool) {
	t.Helper()
	dir := t.TempDir()
	// the folder already holds a store with one record that must survive
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCommunity(&data.Community{Name: "原有社区"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return dir, runAndKill(t, dir, role, file, at, 0)
}

// runAndKill runs the child on dir and kills it once it has reported
// progress beyond at, after delay. It reports whether the child finished.
func runAndKill(t *testing.T, dir, role, file string, at float64, delay time.Duration) bool {
	t.Helper()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+role, "JIAYUAN_KILL_DIR="+dir, "JIAYUAN_KILL_FILE="+file)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	finished, triedLock := false, false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "error"):
			t.Fatalf("child: %s", line)
		case line == "done":
			finished = true
		case strings.HasPrefix(line, "p "):
			if !triedLock {
				// a second copy on the same folder is refused while the child holds it
				triedLock = true
				if l, err := data.Acquire(dir, "second copy"); !errors.Is(err, data.ErrLocked) {
					l.Release()
					t.Errorf("second opener while the child imports: %v, want ErrLocked", err)
				} else if !strings.Contains(err.Error(), "kill test child") {
					t.Errorf("refusal does not name the holder: %v", err)
				}
			}
			var done, total int
			fmt.Sscanf(line, "p %d %d", &done, &total)
			if float64(done) >= at*float64(total) {
				if delay > 0 {
					time.AfterFunc(delay, func() { cmd.Process.Kill() })
				} else {
					cmd.Process.Kill()
				}
			}
		}
	}
	cmd.Wait()
	return finished
}

// checkAllOrNone reopens dir: it must pass integrity_check and hold either
// every record of the import or none of them, besides the one it had.
func checkAllOrNone(t *testing.T, dir string, want int) bool {
	t.Helper()
	if err := data.CheckFull(dir); err != nil {
		t.Fatalf("after SIGKILL: %v", err)
	}
	st, err := data.OpenChecked(dir)
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer st.Close()
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	got := len(cs) - 1
	if got != 0 && got != want {
		t.Fatalf("after SIGKILL the store holds %d of %d imported communities", got, want)
	}
	if cs[0].Name != "原有社区" && cs[len(cs)-1].Name != "原有社区" {
		found := false
		for _, c := range cs {
			found = found || c.Name == "原有社区"
		}
		if !found {
			t.Fatal("the record held before the import is gone")
		}
	}
	// the folder's lock was released by the killed process
	lock, err := data.Acquire(dir, "test")
	if err != nil {
		t.Fatalf("lock not released after SIGKILL: %v", err)
	}
	lock.Release()
	return got == want
}

func TestSIGKILLDuringExchangeImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	const n = 1500
	src := bigStore(t, n)
	file := export(t, src, Options{})
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	all, none := 0, 0
	defer func() { t.Logf("%d rounds left all of the import, %d none", all, none) }()
	for round := 0; round < 5; round++ {
		at := 0.05 + 0.9*rng.Float64()
		if round == 4 {
			at = 1 // after the last record, during the commit: either outcome, never half
		}
		dir, finished := killDuring(t, "exchange", file, at)
		whole := checkAllOrNone(t, dir, n)
		if whole {
			all++
		} else {
			none++
		}
		t.Logf("round %d: killed at %.0f%% of the items (child finished: %v): store holds all: %v", round, at*100, finished, whole)
	}
	if none == 0 {
		t.Error("no kill landed before the commit: the test did not interrupt an import")
	}
}

func TestSIGKILLDuringSheetImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	const n = 8000
	var rows []data.Community
	for i := 0; i < n; i++ {
		rows = append(rows, data.Community{Name: fmt.Sprintf("表格社区%05d", i), Households: data.Exact(int64(i)),
			Address: "华阳大道" + strconv.Itoa(i) + "号", Secretary: "李四"})
	}
	file := filepath.Join(t.TempDir(), "communities.xlsx")
	if err := sheet.ExportCommunities(file, rows); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	none := 0
	for round := 0; round < 3; round++ {
		// progress goes to half while rows are checked, then on while they are written
		at := 0.5 + 0.45*rng.Float64()
		dir, finished := killDuring(t, "sheet", file, at)
		whole := checkAllOrNone(t, dir, n)
		if !whole {
			none++
		}
		t.Logf("round %d: killed at %.0f%% (child finished: %v): store holds all: %v", round, at*100, finished, whole)
	}
	if none == 0 {
		t.Error("no kill landed before the commit")
	}
}

func TestSIGKILLDuringRestore(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	src := bigStore(t, 1500)
	file := filepath.Join(t.TempDir(), "big.jyb")
	if _, err := src.BackupTo(file); err != nil {
		t.Fatal(err)
	}
	// how long one restore takes here, to kill within it
	probe := openStore(t)
	t0 := time.Now()
	if _, err := probe.RestoreBackup(file); err != nil {
		t.Fatal(err)
	}
	span := time.Since(t0)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	outcomes := map[string]int{}
	for round := 0; round < 5; round++ {
		dir := t.TempDir()
		st, err := data.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveCommunity(&data.Community{Name: "原有社区"}); err != nil {
			t.Fatal(err)
		}
		st.Close()
		delay := time.Duration(rng.Int63n(int64(span)*4)) + time.Millisecond
		finished := runAndKill(t, dir, "restore", file, 0, delay)
		if err := data.CheckFull(dir); err != nil {
			t.Fatalf("after SIGKILL: %v", err)
		}
		st, err = data.OpenChecked(dir)
		if err != nil {
			t.Fatal(err)
		}
		cs, _ := st.Communities()
		st.Close()
		switch {
		case len(cs) == 1 && cs[0].Name == "原有社区":
			outcomes["old"]++
		case len(cs) == 1500:
			outcomes["new"]++
		default:
			t.Fatalf("after SIGKILL during a restore: %d communities", len(cs))
		}
		t.Logf("round %d: killed after %v (restore takes %v, child finished: %v)", round, delay, span, finished)
	}
	t.Logf("outcomes: %v", outcomes)
}
