package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode"

	"jiayuan/data"
)

// fileJob is a command-line job that writes a file the clerk names.
type fileJob struct {
	name string
	ext  string
	args func(file string) []string
}

// fileJobs lists every job that writes a file; round is a round's number,
// nom a nomination's.
func fileJobs(round, nom string) []fileJob {
	jobs := []fileJob{
		{"template", ".xlsx", func(f string) []string { return []string{"template", "communities", f} }},
		{"export communities", ".xlsx", func(f string) []string { return []string{"export", "communities", f} }},
		{"export compounds", ".xlsx", func(f string) []string { return []string{"export", "compounds", f} }},
		{"export orgs", ".xlsx", func(f string) []string { return []string{"export", "orgs", f} }},
		{"export round", ".xlsx", func(f string) []string { return []string{"export", "round", round, f} }},
		{"print nomination", ".pdf", func(f string) []string { return []string{"print", "nomination", nom, f} }},
		{"print calibration", ".pdf", func(f string) []string { return []string{"print", "calibration", f} }},
		{"print guide", ".pdf", func(f string) []string { return []string{"print", "guide", f} }},
		{"print scoresheets -blank", ".pdf", func(f string) []string { return []string{"print", "scoresheets", "-blank", round, f} }},
		{"print feedback -nominee", ".pdf", func(f string) []string { return []string{"print", "feedback", round, f, "-nominee", nom} }},
		{"print feedback", ".pdf", func(f string) []string { return []string{"print", "feedback", round, f} }},
		{"backup", ".jyb", func(f string) []string { return []string{"backup", f} }},
		{"exchange export", ".jyx", func(f string) []string { return []string{"exchange", "export", f} }},
		{"stats xlsx", ".xlsx", func(f string) []string { return []string{"stats", f} }},
		{"stats pdf", ".pdf", func(f string) []string { return []string{"stats", f} }},
		{"stats -compare", ".xlsx", func(f string) []string { return []string{"stats", "-compare", "今天", f} }},
	}
	for _, what := range printRoundOrder {
		what := what
		jobs = append(jobs, fileJob{"print " + what, ".pdf", func(f string) []string { return []string{"print", what, round, f} }})
	}
	for _, what := range []string{"communities", "compounds", "orgs"} {
		what := what
		jobs = append(jobs, fileJob{"print " + what, ".pdf", func(f string) []string { return []string{"print", what, f} }})
	}
	return jobs
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// firstNomination is the number of a nomination in the demo data.
func firstNomination(t *testing.T, dir, round string) string {
	t.Helper()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ns, err := st.Nominations(mustInt(t, round), data.NominationFilter{})
	if err != nil || len(ns) == 0 {
		t.Fatalf("no nominations: %v", err)
	}
	return strconv.FormatInt(ns[0].ID, 10)
}

// Every job that writes a file refuses, in Chinese, a target that is a link
// to the live database, a file inside the data folder, or a file in a link to
// a folder inside it; the database stays byte for byte and nothing appears in
// the data folder.
func TestEveryFileJobRefusesTheDataFolder(t *testing.T) {
	dir, round := demoStore(t)
	nom := firstNomination(t, dir, round)
	db := filepath.Join(dir, data.DBFile)
	backups := filepath.Join(dir, data.BackupsFolder)
	if err := os.MkdirAll(backups, 0o755); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	listing := func() string {
		var names []string
		filepath.Walk(dir, func(p string, _ os.FileInfo, _ error) error { names = append(names, p); return nil })
		return strings.Join(names, "\n")
	}
	files := listing()
	for _, job := range fileJobs(round, nom) {
		link := filepath.Join(out, "db-"+strings.ReplaceAll(job.name, " ", "-")+job.ext)
		if err := os.Symlink(db, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		folderLink := filepath.Join(out, "backups-"+strings.ReplaceAll(job.name, " ", "-"))
		if err := os.Symlink(backups, folderLink); err != nil {
			t.Fatal(err)
		}
		for _, target := range []struct{ what, path string }{
			{"a link to the live database", link},
			{"a file inside the data folder", filepath.Join(dir, "输出"+job.ext)},
			{"a file in a link to a folder inside the data folder", filepath.Join(folderLink, "输出"+job.ext)},
		} {
			args := job.args(target.path)
			code, stdout, stderr := runJob(t, dir, args...)
			if code != 1 || !strings.Contains(stderr, "不能写到") || !hasHan(stderr) {
				t.Errorf("%s to %s: exit %d, stdout %q, stderr %q; want a Chinese refusal", job.name, target.what, code, stdout, stderr)
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
				t.Fatalf("%s to %s changed the live database", job.name, target.what)
			}
			if now := listing(); now != files {
				t.Fatalf("%s to %s left something in the data folder:\n%s", job.name, target.what, now)
			}
		}
	}
	if err := data.Check(dir); err != nil {
		t.Fatal(err)
	}
}

// diskFull fails every write after the first n bytes, as a full disk does.
type diskFull struct {
	w io.Writer
	n int
}

func (d *diskFull) Write(p []byte) (int, error) {
	if len(p) > d.n {
		w, _ := d.w.Write(p[:d.n])
		d.n = 0
		return w, &os.PathError{Op: "write", Path: "/tmp/.x.tmp-1", Err: syscall.ENOSPC}
	}
	d.n -= len(p)
	return d.w.Write(p)
}

// When the disk fills up in the middle of any job's write, the job fails in
// Chinese and leaves neither the output file nor a temporary file; an older
// file of the same name stays as it was.
func TestEveryFileJobLeavesNothingWhenTheWriteFails(t *testing.T) {
	dir, round := demoStore(t)
	nom := firstNomination(t, dir, round)
	undo := data.InjectOutputFault(func(w io.Writer) io.Writer { return &diskFull{w: w, n: 512} })
	defer undo()
	for _, job := range fileJobs(round, nom) {
		out := t.TempDir()
		fresh := filepath.Join(out, "新"+job.ext)
		code, stdout, stderr := runJob(t, dir, job.args(fresh)...)
		if code != 1 || !strings.Contains(stderr, "磁盘空间不足") || strings.Contains(stderr, ".tmp") {
			t.Errorf("%s on a full disk: exit %d, stdout %q, stderr %q; want a Chinese failure naming the cause", job.name, code, stdout, stderr)
		}
		old := filepath.Join(out, "旧"+job.ext)
		os.WriteFile(old, []byte("earlier"), 0o644)
		if code, _, _ := runJob(t, dir, job.args(old)...); code != 1 {
			t.Errorf("%s over an older file on a full disk: exit %d", job.name, code)
		}
		if b, _ := os.ReadFile(old); string(b) != "earlier" {
			t.Errorf("%s: the older file became %d bytes", job.name, len(b))
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%s on a full disk left %v in the output folder", job.name, names)
		}
	}
}
