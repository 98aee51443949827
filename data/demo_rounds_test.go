package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDemoRounds(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	rs, err := st.RoundSummaries()
	if err != nil || len(rs) != 2 {
		t.Fatalf("rounds %d, %v", len(rs), err)
	}
	r21, r22 := rs[1], rs[0]
	if r21.Year != 2021 || r21.Counts[StateNamed] != 3 || r21.Counts[StateNotSelected] != 4 || !r21.Demo {
		t.Fatalf("2021 round: %+v", r21.Counts)
	}
	named, err := st.Named(r21.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range named {
		got[e.NomineeName] = e.Certificate
	}
	want := map[string]string{"滨江社区": "2021-SQ-001", "龙河社区": "2021-SQ-002", "南湖尚景小区": "2021-XQ-001"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: certificate %q, want %q", k, got[k], v)
		}
	}
	r, _ := st.Round(r21.ID)
	if r.NoticeTitle() != "关于2021年度党建引领百佳示范社区、百佳示范小区拟命名对象的公示" {
		t.Errorf("notice title %q", r.NoticeTitle())
	}
	for _, e := range named {
		if e.NomineeName == "南湖尚景小区" {
			want := "南湖尚景小区：\n经评审和公示，被命名为“2021年度党建引领百佳示范小区”。\n特发此证，以资鼓励。"
			if got := r.CertificateText(e); got != want {
				t.Errorf("certificate text %q", got)
			}
		}
	}
	list, _ := st.NoticeList(r21.ID)
	if len(list) != 3 {
		t.Errorf("notice list has %d rows, want 3", len(list))
	}
	obj, _ := st.Objections(r21.ID)
	if len(obj) != 1 || obj[0].Outcome != OutcomeRejected || obj[0].NomineeName != "龙河社区" {
		t.Fatalf("objections %+v", obj)
	}
	if r22.Counts[StateReviewing] != r22.Total || r22.Total == 0 {
		t.Fatalf("2022 round: %+v", r22.Counts)
	}
	owed, _ := st.Owed(r22.ID)
	if len(owed) == 0 {
		t.Fatal("2022 round owes no scores; it should be mid-scoring")
	}
}

func TestAttachments(t *testing.T) {
	f := newRoundFixture(t, 1)
	n := f.nominate(t, "滨江社区")
	dir := t.TempDir()
	write := func(name string, size int64) string {
		p := filepath.Join(dir, name)
		fh, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		fh.WriteString("照片内容")
		fh.Truncate(size)
		fh.Close()
		return p
	}
	photo := write("活动照片.JPG", 1000)
	a, err := f.st.AddAttachment(n.ID, photo, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.SHA256) != 64 || a.Ext != ".jpg" {
		t.Fatalf("attachment %+v", a)
	}
	stored, err := os.ReadFile(f.st.AttachmentPath(a))
	if err != nil || len(stored) != 1000 || !strings.HasPrefix(string(stored), "照片内容") {
		t.Fatalf("stored file: %d bytes, %v", len(stored), err)
	}
	for _, c := range []struct{ name, want string }{
		{"程序.exe", "类型"},
		{"大文件.pdf", "上限"},
	} {
		size := int64(100)
		if c.name == "大文件.pdf" {
			size = AttachmentMaxSize + 1
		}
		if _, err := f.st.AddAttachment(n.ID, write(c.name, size), ""); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if err := f.st.Transition(n.ID, ActSubmit, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.AddAttachment(n.ID, write("补充.pdf", 10), ""); err == nil || !strings.Contains(err.Error(), "锁定") {
		t.Fatalf("attachment added to a locked nomination without a reason: %v", err)
	}
	if _, err := f.st.AddAttachment(n.ID, write("补充.pdf", 10), "补交会议记录"); err != nil {
		t.Fatal(err)
	}
	list, _ := f.st.Attachments(n.ID, false)
	if len(list) != 2 {
		t.Fatalf("%d attachments, want 2", len(list))
	}
}
