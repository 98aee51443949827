package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
)

// The community's older file, imported at the office after its newer one,
// is listed as older and not taken, even with -prefer theirs: 户数 stays.
// Also when the office had made the same change itself, so the newer file
// had nothing to import: its records' ages are taken in all the same.
func TestExchangeImportOfAnOlderFileKeepsTheNewer(t *testing.T) {
	t.Run("newer file taken in", func(t *testing.T) { olderFileAfterNewer(t, false) })
	t.Run("newer file the same as the office", func(t *testing.T) { olderFileAfterNewer(t, true) })
}

func olderFileAfterNewer(t *testing.T, same bool) {
	office, comm, files := t.TempDir(), t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, office, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	toComm := filepath.Join(files, "给滨江社区.jyx")
	if code, _, stderr := runJob(t, office, "exchange", "export", "-community", "滨江社区", toComm); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	if code, _, stderr := runJob(t, comm, "exchange", "import", toComm); code != 0 {
		t.Fatalf("import at the community: %s", stderr)
	}
	households := func(dir string, set int64) (n int64) {
		withStore(t, dir, func(st *data.Store) {
			cs, _ := st.Communities()
			for _, c := range cs {
				if c.Name != "滨江社区" {
					continue
				}
				if set > 0 {
					c.Households = data.Count{N: set, Set: true}
					if err := st.SaveCommunity(&c); err != nil {
						t.Fatal(err)
					}
				}
				n = c.Households.N
			}
		})
		return n
	}
	older, newer := filepath.Join(files, "早.jyx"), filepath.Join(files, "晚.jyx")
	for _, f := range []struct {
		n    int64
		file string
	}{{999, older}, {1000, newer}} {
		households(comm, f.n)
		if code, _, stderr := runJob(t, comm, "exchange", "export", f.file); code != 0 {
			t.Fatalf("export at the community: %s", stderr)
		}
	}
	if same {
		households(office, 1000)
	}
	code, stdout, stderr := runJob(t, office, "exchange", "import", newer)
	if code != 0 || same != strings.Contains(stdout, "没有需要导入的内容，未改动任何记录") {
		t.Fatalf("newer file: %d %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = runJob(t, office, "exchange", "import", "-prefer", "theirs", older)
	if code != 0 || !strings.Contains(stdout, "文件较旧，未采用：社区“滨江社区”") || !strings.Contains(stdout, "未采用，保持不变") {
		t.Errorf("older file: %d %q %q", code, stdout, stderr)
	}
	if n := households(office, 0); n != 1000 {
		t.Errorf("the older file set 户数 to %d", n)
	}
}
