package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jiayuan/data"
)

func TestExchangeJobs(t *testing.T) {
	office, comm, files := t.TempDir(), t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, office, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	file := filepath.Join(files, "滨江社区.jyx")
	code, stdout, stderr := runJob(t, office, "exchange", "export", "-community", "滨江社区", file)
	if code != 0 || !strings.Contains(stdout, "已导出") {
		t.Fatalf("export: %d %q %q", code, stdout, stderr)
	}
	// dry run: listed, nothing written
	code, stdout, stderr = runJob(t, comm, "exchange", "import", "-dry-run", file)
	if code != 0 || !strings.Contains(stdout, "新增：社区“滨江社区”") || !strings.Contains(stdout, "试运行") {
		t.Fatalf("dry run: %d %q %q", code, stdout, stderr)
	}
	if n := countCommunities(t, comm); n != 0 {
		t.Fatalf("dry run wrote %d communities", n)
	}
	code, stdout, stderr = runJob(t, comm, "exchange", "import", file)
	if code != 0 || !strings.Contains(stdout, "已导入") || countCommunities(t, comm) != 1 {
		t.Fatalf("import: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = runJob(t, comm, "exchange", "import", file)
	if code != 0 || !strings.Contains(stdout, "没有需要导入的内容") {
		t.Errorf("second import: %d %q", code, stdout)
	}

	// the office's own copy of 滨江社区 against a community's own, first meeting
	fresh := t.TempDir()
	st, err := data.Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCommunity(&data.Community{Name: "滨江社区", Notes: "社区自己建的"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, _, stderr = runJob(t, fresh, "exchange", "import", file)
	if code != 1 || !strings.Contains(stderr, "-link-by-name") || !strings.Contains(stderr, "滨江社区") {
		t.Errorf("name match without -link-by-name: %d %q", code, stderr)
	}
	code, _, stderr = runJob(t, fresh, "exchange", "import", "-link-by-name", file)
	if code != 1 || !strings.Contains(stderr, "-prefer") || !strings.Contains(stderr, "社区自己建的") {
		t.Errorf("conflict without -prefer: %d %q", code, stderr)
	}
	code, stdout, stderr = runJob(t, fresh, "exchange", "import", "-link-by-name", "-prefer", "ours", file)
	if code != 0 || countCommunities(t, fresh) != 1 {
		t.Errorf("link and keep ours: %d %q %q", code, stdout, stderr)
	}

	// a damaged file: refused, exit 1, in Chinese
	raw, _ := os.ReadFile(file)
	bad := filepath.Join(files, "坏.jyx")
	os.WriteFile(bad, raw[:len(raw)/2], 0o644)
	code, _, stderr = runJob(t, comm, "exchange", "import", bad)
	if code != 1 || !strings.Contains(stderr, "错误：交换文件被拒绝") {
		t.Errorf("truncated file: %d %q", code, stderr)
	}
	if code, _, _ := runJob(t, comm, "exchange", "import", "-prefer", "maybe", file); code != 2 {
		t.Errorf("bad -prefer: exit %d, want 2", code)
	}
}

func TestBackupRestoreJobs(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	file := filepath.Join(files, "备份.jyb")
	code, stdout, stderr := runJob(t, dir, "backup", file)
	if code != 0 || !strings.Contains(stdout, "已备份") {
		t.Fatalf("backup: %d %q %q", code, stdout, stderr)
	}
	want := countCommunities(t, dir)
	st, _ := data.Open(dir)
	st.SaveCommunity(&data.Community{Name: "备份后新建"})
	st.Close()
	code, stdout, stderr = runJob(t, dir, "restore", file)
	if code != 0 || !strings.Contains(stdout, "恢复前的数据已另存为") {
		t.Fatalf("restore: %d %q %q", code, stdout, stderr)
	}
	if got := countCommunities(t, dir); got != want {
		t.Errorf("after restore %d communities, want %d", got, want)
	}
	if code, stdout, _ := runJob(t, dir, "backups"); code != 0 || !strings.Contains(stdout, "恢复前的数据") || !strings.Contains(stdout, "完好") {
		t.Errorf("backups: %d %q", code, stdout)
	}

	// a damaged database: restore sets it aside and recovers
	os.WriteFile(filepath.Join(dir, data.DBFile), []byte(strings.Repeat("损坏", 3000)), 0o644)
	os.Remove(filepath.Join(dir, data.DBFile+"-wal"))
	os.Remove(filepath.Join(dir, data.DBFile+"-shm"))
	if code, _, stderr := runJob(t, dir, "check"); code != 1 || !strings.Contains(stderr, "已损坏") {
		t.Errorf("check on a damaged file: %d %q", code, stderr)
	}
	code, stdout, stderr = runJob(t, dir, "restore", file)
	if code != 0 || !strings.Contains(stdout, "已损坏，已移到") {
		t.Fatalf("restore over a damaged file: %d %q %q", code, stdout, stderr)
	}
	if got := countCommunities(t, dir); got != want {
		t.Errorf("after recovery %d communities, want %d", got, want)
	}
	// a bad backup: refused, nothing changed
	os.WriteFile(filepath.Join(files, "坏.jyb"), []byte("not a zip"), 0o644)
	if code, _, stderr := runJob(t, dir, "restore", filepath.Join(files, "坏.jyb")); code != 1 || !strings.Contains(stderr, "不完整") {
		t.Errorf("bad backup: %d %q", code, stderr)
	}
	if got := countCommunities(t, dir); got != want {
		t.Errorf("a refused restore changed the data")
	}
}

// withStore opens the data folder for a step between jobs.
func withStore(t *testing.T, dir string, f func(st *data.Store)) {
	t.Helper()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Operator = "测试员"
	f(st)
}

func TestExchangeJobsCarryDeletionsAndStates(t *testing.T) {
	office, comm, files := t.TempDir(), t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, office, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	withStore(t, office, func(st *data.Store) {
		r := data.NewRound(2026)
		r.Title = "2026年度示范评选"
		r.Deadline = data.Date{Year: 2099, Month: 12, Day: 31}
		if err := st.SaveRound(&r); err != nil {
			t.Fatal(err)
		}
	})
	toComm := filepath.Join(files, "给滨江社区.jyx")
	if code, _, stderr := runJob(t, office, "exchange", "export", "-community", "滨江社区", toComm); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	if code, _, stderr := runJob(t, comm, "exchange", "import", toComm); code != 0 {
		t.Fatalf("import at the community: %s", stderr)
	}
	// the community nominates a compound and deletes two others, one of
	// which the office holds a nomination of
	var nomUUID string
	withStore(t, comm, func(st *data.Store) {
		cs, _ := st.Communities()
		if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleCommunity, CommunityUUID: cs[0].UUID}); err != nil {
			t.Fatal(err)
		}
		rs, _ := st.Rounds()
		var r data.Round
		for _, x := range rs {
			if x.Year == 2026 {
				r = x
			}
		}
		xs, _ := st.Compounds(0)
		var nanhu int64
		for _, x := range xs {
			switch x.Name {
			case "南湖尚景小区":
				nanhu = x.ID
			case "河池院落", "滨河安置小区":
				if err := st.Delete(data.EntityCompound, x.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		n := data.Nomination{RoundID: r.ID, CompoundID: &nanhu, Methods: "居民议事会每月一次。", Contact: "王芳",
			ContactPhone: "13800000000", Opinion: "同意推荐。", SelfScores: data.CriterionScores{}}
		for _, c := range r.Categories {
			if c.NomineeKind == data.NomineeCompound {
				n.CategoryID = c.ID
			}
		}
		for _, c := range r.Criteria {
			n.SelfScores[c.ID] = c.Max
		}
		if err := st.SaveNomination(&n); err != nil {
			t.Fatal(err)
		}
		photo := filepath.Join(files, "活动.jpg")
		os.WriteFile(photo, []byte("\xff\xd8\xff 活动照片"), 0o644)
		if _, err := st.AddAttachment(n.ID, photo, ""); err != nil {
			t.Fatal(err)
		}
		if err := st.Transition(n.ID, data.ActSubmit, ""); err != nil {
			t.Fatal(err)
		}
		nomUUID = n.UUID
	})
	toOffice := filepath.Join(files, "滨江社区回传.jyx")
	code, stdout, stderr := runJob(t, comm, "exchange", "export", toOffice)
	if code != 0 || !strings.Contains(stdout, "其中 2 条在回收站") || !strings.Contains(stdout, "1 份申报") {
		t.Fatalf("community's export: %d %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = runJob(t, office, "exchange", "import", toOffice)
	for _, want := range []string{"删除：小区“河池院落”", "不能照办：小区“滨河安置小区”", "申报“2022年滨河安置小区”", "不能照办，已保留本机现状"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("office's import lacks %q: %d %q %q", want, code, stdout, stderr)
		}
	}
	// the office sends it back for changes
	withStore(t, office, func(st *data.Store) {
		rs, _ := st.Rounds()
		for _, r := range rs {
			ns, _ := st.Nominations(r.ID, data.NominationFilter{})
			for _, n := range ns {
				if n.UUID == nomUUID {
					if err := st.Transition(n.ID, data.ActReturn, "请补充居民满意度调查"); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	})
	back := filepath.Join(files, "给滨江社区2.jyx")
	code, stdout, stderr = runJob(t, office, "exchange", "export", "-community", "滨江社区", back)
	if code != 0 || !strings.Contains(stdout, "份申报的办理结果") {
		t.Fatalf("office's export: %d %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = runJob(t, comm, "exchange", "import", "-dry-run", back)
	if code != 0 || !strings.Contains(stdout, "办理结果有改动：申报“南湖尚景小区”") || !strings.Contains(stdout, "请补充居民满意度调查") {
		t.Fatalf("community's dry run: %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr = runJob(t, comm, "exchange", "import", back); code != 0 {
		t.Fatalf("community's import: %s", stderr)
	}
	withStore(t, comm, func(st *data.Store) {
		rs, _ := st.Rounds()
		for _, r := range rs {
			ns, _ := st.Nominations(r.ID, data.NominationFilter{})
			for _, n := range ns {
				if n.UUID == nomUUID && (n.State != data.StateReturned || n.StateReason != "请补充居民满意度调查") {
					t.Errorf("community's nomination: %s %q", n.State.Label(), n.StateReason)
				}
			}
		}
	})
	if code, stdout, _ = runJob(t, comm, "exchange", "import", back); code != 0 || !strings.Contains(stdout, "没有需要导入的内容") {
		t.Errorf("second import: %d %q", code, stdout)
	}
}

// exchange import names when the file was made in local time with Chinese
// date words (生成于 2026年12月5日 06:51), not the file's raw RFC 3339 text.
func TestExchangeImportShowsLocalTime(t *testing.T) {
	src := t.TempDir()
	if code, _, stderr := runJob(t, src, "demo"); code != 0 {
		t.Fatal(stderr)
	}
	file := filepath.Join(t.TempDir(), "x.jyx")
	if code, _, stderr := runJob(t, src, "exchange", "export", file); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := runJob(t, t.TempDir(), "exchange", "import", "-dry-run", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`生成于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}。`).MatchString(stdout) || regexp.MustCompile(`\dT\d`).MatchString(stdout) {
		t.Errorf("stdout %q", stdout)
	}
}
