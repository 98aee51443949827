package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/data/dbtest"
)

// printText prints a document with the print job and returns its pdftotext.
func printText(t *testing.T, dir, out string, args ...string) string {
	t.Helper()
	file := filepath.Join(out, strings.Join(args, "-")+".pdf")
	all := append(append([]string{"print"}, args...), file)
	if code, _, stderr := runJob(t, dir, all...); code != 0 {
		t.Fatalf("print %v: exit %d: %s", args, code, stderr)
	}
	return pdfText(t, file)
}

// named is the demo 2021 round's named nominations, by nominee name.
func namedByName(t *testing.T, dir, round string) map[string]data.NamedEntry {
	t.Helper()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	named, err := st.Named(mustInt(t, round))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]data.NamedEntry{}
	for _, e := range named {
		out[e.NomineeName] = e
	}
	return out
}

// What the 2021 round submitted, reviewed and named prints the same after
// 滨江社区's 户数 goes from 12800 to 12900 and it and its compound are
// renamed: the 申报表, the notice, the decision, the certificates, the
// summary and the score sheets keep the submitted values.
func TestRoundDocumentsPrintTheSubmittedValues(t *testing.T) {
	dir, round := demoStore(t)
	named := namedByName(t, dir, round)
	binjiang, ok := named["滨江社区"]
	if !ok || named["南湖尚景小区"].NomineeKind != data.NomineeCompound {
		t.Fatalf("demo named: %v", named)
	}
	docs := [][]string{{"nomination", strconv.FormatInt(binjiang.ID, 10)},
		{"nomination", strconv.FormatInt(named["南湖尚景小区"].ID, 10)},
		{"notice", round}, {"decision", round}, {"certificates", round}, {"summary", round}, {"scoresheets", round}}
	before := map[string]string{}
	out := t.TempDir()
	for _, d := range docs {
		before[strings.Join(d, " ")] = printText(t, dir, out, d...)
	}
	if !strings.Contains(before["nomination "+docs[0][1]], "户数12800") {
		t.Fatalf("the 申报表 before the change does not print 户数 12800: %s", before["nomination "+docs[0][1]])
	}

	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Operator = "测试员"
	c, _ := st.Community(binjiang.CommunityID)
	c.Households, c.Name = data.Exact(12900), "滨江新城社区"
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	x, _ := st.Compound(*named["南湖尚景小区"].CompoundID)
	x.Name = "南湖新景小区"
	if err := st.SaveCompound(&x); err != nil {
		t.Fatal(err)
	}
	st.Close()

	for _, d := range docs {
		key := strings.Join(d, " ")
		after := printText(t, dir, out, d...)
		if after != before[key] {
			t.Errorf("print %s changed after the records did:\nbefore %s\nafter  %s", key, before[key], after)
		}
		if strings.Contains(after, "滨江新城社区") || strings.Contains(after, "南湖新景小区") || strings.Contains(after, "12900") {
			t.Errorf("print %s shows today's record instead of the submitted one", key)
		}
	}
}

// snapshot check passes a sound store and exits 1 naming the nomination
// whose snapshot was edited raw or is missing.
func TestSnapshotCheckJob(t *testing.T) {
	dir, round := demoStore(t)
	code, stdout, stderr := runJob(t, dir, "snapshot", "check")
	if code != 0 || !strings.Contains(stdout, "均完好") {
		t.Fatalf("sound store: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, _ := runJob(t, dir, "snapshot"); code != 2 {
		t.Errorf("snapshot with no check: exit %d, want 2", code)
	}
	named := namedByName(t, dir, round)
	db := filepath.Join(dir, data.DBFile)
	if err := dbtest.TamperSnapshot(db, named["滨江社区"].ID); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runJob(t, dir, "snapshot", "check")
	if code != 1 || !strings.Contains(stderr, "“滨江社区”") || !strings.Contains(stderr, "已被改动") ||
		!strings.Contains(stderr, "#"+strconv.FormatInt(named["滨江社区"].ID, 10)) {
		t.Fatalf("tampered: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runJob(t, dir, "print", "nomination", strconv.FormatInt(named["滨江社区"].ID, 10),
		filepath.Join(t.TempDir(), "n.pdf")); code != 1 || !strings.Contains(stderr, "滨江社区") {
		t.Errorf("printing a tampered submission: exit %d\n%s", code, stderr)
	}
	if err := dbtest.DropSnapshots(db, named["龙河社区"].ID); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runJob(t, dir, "snapshot", "check")
	if code != 1 || !strings.Contains(stderr, "“龙河社区”") || !strings.Contains(stderr, "缺失") {
		t.Fatalf("missing: exit %d\n%s", code, stderr)
	}
}
