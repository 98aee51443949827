package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
)

// A decision printed twice carries the same 文号; another number for it, or a
// used number for the notice, is refused and leaves no file; wenhao lists it.
func TestPrintDecisionWenhao(t *testing.T) {
	dir, round := demoStore(t)
	out := t.TempDir()
	const wh = "华阳街道党工委发〔2021〕12号"
	a, b := filepath.Join(out, "a.pdf"), filepath.Join(out, "b.pdf")
	if code, _, stderr := runJob(t, dir, "print", "decision", "-wenhao", wh, round, a); code != 0 {
		t.Fatalf("print decision: %s", stderr)
	}
	if code, _, stderr := runJob(t, dir, "print", "decision", round, b); code != 0 {
		t.Fatalf("reprint: %s", stderr)
	}
	for _, p := range []string{a, b} {
		txt := pdfText(t, p)
		if !strings.Contains(txt, "文件") || !strings.Contains(txt, "中共华阳街道工作委员会") {
			t.Errorf("%s: no 发文机关标志: %s", p, txt[:min(200, len(txt))])
		}
		if strings.Count(txt, wh) != 1 || !strings.Contains(txt, "抄送：") || !strings.Contains(txt, "华阳街道党政办公室") {
			t.Errorf("%s: 文号 or 版记 missing: %s", p, txt)
		}
	}
	c := filepath.Join(out, "c.pdf")
	code, _, stderr := runJob(t, dir, "print", "decision", "-wenhao", "华阳街道党工委发〔2021〕13号", round, c)
	if code != 1 || !strings.Contains(stderr, "沿用原文号") {
		t.Errorf("renumbering: code %d, %s", code, stderr)
	}
	code, _, stderr = runJob(t, dir, "print", "notice", "-letterhead", "-wenhao", wh, round, c)
	if code != 1 || !strings.Contains(stderr, "已用于") {
		t.Errorf("a used number for the notice: code %d, %s", code, stderr)
	}
	code, _, stderr = runJob(t, dir, "print", "notice", "-letterhead", "-wenhao", "华阳街道党工委发[2021]14号", round, c)
	if code != 1 || !strings.Contains(stderr, "六角括号") {
		t.Errorf("square brackets: code %d, %s", code, stderr)
	}
	if _, err := os.Stat(c); err == nil {
		t.Error("a refused print left a file")
	}
	code, stdout, stderr := runJob(t, dir, "wenhao")
	if code != 0 || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, wh) || !strings.Contains(stdout, "命名决定") || !strings.Contains(stdout, "2021-12-10") {
		t.Errorf("wenhao: %d %q %s", code, stdout, stderr)
	}
	// On 红头纸 only the variable part: no 标志, the same 文号.
	d := filepath.Join(out, "d.pdf")
	if code, _, stderr := runJob(t, dir, "print", "decision", "-letterhead", round, d); code != 0 {
		t.Fatalf("letterhead: %s", stderr)
	}
	if txt := pdfText(t, d); strings.Contains(txt, "文件") || !strings.HasPrefix(txt, wh+"关于命名") {
		t.Errorf("letterhead print reads %s", txt[:min(120, len(txt))])
	}
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, _ := st.AuditLog(data.AuditFilter{Entity: data.EntityRound})
	n := 0
	for _, e := range log {
		if e.Action == data.ActionWenhao {
			n++
			if e.Operator != "测试员" {
				t.Errorf("issued by %q", e.Operator)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d audit rows for issuing, want 1", n)
	}
}

// The notice has no 版头 by default: no 文号 recorded, none accepted.
func TestPrintNoticeWithoutHeader(t *testing.T) {
	dir, round := demoStore(t)
	p := filepath.Join(t.TempDir(), "n.pdf")
	if code, _, stderr := runJob(t, dir, "print", "notice", round, p); code != 0 {
		t.Fatalf("print notice: %s", stderr)
	}
	if txt := pdfText(t, p); strings.Contains(txt, "〔") {
		t.Errorf("notice without 版头 has a 文号: %s", txt[:min(120, len(txt))])
	}
	code, stdout, _ := runJob(t, dir, "wenhao")
	if code != 0 || !strings.Contains(stdout, "还没有") {
		t.Errorf("wenhao after a plain notice: %q", stdout)
	}
	code, _, stderr := runJob(t, dir, "print", "notice", "-wenhao", "华阳街道党工委发〔2021〕3号", round, p)
	if code != 1 || !strings.Contains(stderr, "不印版头") {
		t.Errorf("a 文号 for a notice without 版头: %d %s", code, stderr)
	}
}

// The 红头纸 calibration page draws the lines where the settings put them.
func TestLetterheadCalibration(t *testing.T) {
	dir, _ := demoStore(t)
	p := filepath.Join(t.TempDir(), "cal.pdf")
	if code, _, stderr := runJob(t, dir, "print", "calibration", "-letterhead", p); code != 0 {
		t.Fatalf("calibration: %s", stderr)
	}
	if txt := pdfText(t, p); !strings.Contains(txt, "发文字号上沿107.3毫米") || !strings.Contains(txt, "正文（标题）上沿137.4毫米") {
		t.Errorf("calibration page reads %s", txt)
	}
}

// The first print of a decision says which 发文字号 it issued and recorded; a
// reprint says it kept the recorded one; a notice without 版头 says neither.
// The first print used to take the number silently.
func TestPrintSaysWhichWenhao(t *testing.T) {
	dir, round := demoStore(t)
	out := t.TempDir()
	code, stdout, stderr := runJob(t, dir, "print", "decision", round, filepath.Join(out, "a.pdf"))
	if code != 0 {
		t.Fatal(stderr)
	}
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := st.Wenhaos()
	st.Close()
	if err != nil || len(ws) != 1 {
		t.Fatalf("%d numbers recorded, %v", len(ws), err)
	}
	wh := ws[0].String()
	if !strings.Contains(stdout, "已登记发文字号 "+wh) || strings.Contains(stdout, "沿用") {
		t.Errorf("first print: %q", stdout)
	}
	code, stdout, stderr = runJob(t, dir, "print", "decision", round, filepath.Join(out, "b.pdf"))
	if code != 0 || !strings.Contains(stdout, "沿用已登记的发文字号 "+wh) || strings.Contains(stdout, "已登记发文字号") {
		t.Errorf("reprint: %d %q %s", code, stdout, stderr)
	}
	code, stdout, _ = runJob(t, dir, "print", "notice", round, filepath.Join(out, "n.pdf"))
	if code != 0 || strings.Contains(stdout, "发文字号") {
		t.Errorf("notice without 版头: %d %q", code, stdout)
	}
}
