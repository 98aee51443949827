package guide

import (
	"strings"
	"testing"

	"jiayuan/assets"
)

// Every character of the guide is one the window's font (GBK) and the print
// fonts cover: a character outside GBK would show as a box on screen.
func TestGuideCharactersInGBK(t *testing.T) {
	gbk := map[rune]bool{}
	for _, r := range assets.GBKChars {
		gbk[r] = true
	}
	for _, s := range Sections() {
		for _, text := range append([]string{s.Title}, blockTexts(s)...) {
			for _, r := range text {
				if r >= 0x80 && !gbk[r] {
					t.Errorf("section %s: %q (U+%04X) is not in GBK: %s", s.Title, r, r, text)
				}
			}
		}
	}
}

func blockTexts(s Section) []string {
	var out []string
	for _, b := range s.Blocks {
		out = append(out, b.Text)
	}
	return out
}

// The guide has the chapters the brief of the help screen promises, in
// order, and the shortcut chapter is built from Keys.
func TestGuideSections(t *testing.T) {
	var titles []string
	for _, s := range Sections() {
		titles = append(titles, s.Title)
		if len(s.Blocks) == 0 {
			t.Errorf("section %s is empty", s.Title)
		}
	}
	want := []string{"开始使用", "评选流程", "记录的字段与规则", "Excel 导入模板", "打印", "备份与恢复", "交换文件", "办公室服务器", KeysTitle}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("sections %v, want %v", titles, want)
	}
	keys := Sections()[len(want)-1]
	var lines []string
	for _, b := range keys.Blocks {
		if b.Kind == Item && (strings.HasPrefix(b.Text, "Ctrl+") || strings.HasPrefix(b.Text, "Alt+") || strings.HasPrefix(b.Text, "Delete")) {
			lines = append(lines, b.Text)
		}
	}
	if len(lines) != len(Keys) {
		t.Fatalf("the shortcut chapter lists %d keys, the table has %d: %v", len(lines), len(Keys), lines)
	}
	for i, k := range Keys {
		if lines[i] != k.Line() {
			t.Errorf("line %d is %q, want %q", i, lines[i], k.Line())
		}
	}
}

func TestParse(t *testing.T) {
	secs := Parse("# 甲\n第一行\n接着\n\n## 小节\n- 一项\n- 二项\n后文\n# 乙\n{{快捷键}}\n")
	if len(secs) != 2 || secs[0].Title != "甲" || secs[1].Title != "乙" {
		t.Fatalf("sections %+v", secs)
	}
	got := secs[0].Blocks
	want := []Block{{Para, "第一行接着"}, {Heading, "小节"}, {Item, "一项"}, {Item, "二项"}, {Para, "后文"}}
	if len(got) != len(want) {
		t.Fatalf("blocks %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(secs[1].Blocks) != len(Keys) || secs[1].Blocks[0].Text != Keys[0].Line() {
		t.Errorf("the placeholder became %+v", secs[1].Blocks)
	}
}

// Filter keeps a section whose title matches whole, and of the others only
// the matching lines under their headings; nothing else.
func TestFilter(t *testing.T) {
	secs := Parse("# 打印\n- 证书\n# 备份\n## 自动\n- 关闭时备份\n- 保留份数\n## 恢复\n- 从备份恢复\n# 交换\n- 导入\n")
	got := Filter(secs, " 备份 ")
	if len(got) != 1 || got[0].Title != "备份" || len(got[0].Blocks) != 5 {
		t.Errorf("title match: %+v", got)
	}
	got = Filter(secs, "恢复")
	if len(got) != 1 || got[0].Title != "备份" {
		t.Fatalf("line match: %+v", got)
	}
	if b := got[0].Blocks; len(b) != 2 || b[0] != (Block{Heading, "恢复"}) || b[1].Text != "从备份恢复" {
		t.Errorf("line match kept %+v", b)
	}
	got = Filter(secs, "份数")
	if b := got[0].Blocks; len(got) != 1 || len(b) != 2 || b[0].Text != "自动" || b[1].Text != "保留份数" {
		t.Errorf("a line keeps its heading: %+v", got)
	}
	if got := Filter(secs, "不存在的词"); len(got) != 0 {
		t.Errorf("no match kept %+v", got)
	}
	if got := Filter(secs, ""); len(got) != 3 {
		t.Errorf("an empty search kept %d sections", len(got))
	}
}
