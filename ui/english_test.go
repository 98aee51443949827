package ui

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// englishUIWords are the English words of Fyne's widgets and dialogs (and
// of UI text in general) that must not reach the clerk's screen.
var englishUIWords = strings.Fields(`select one cancel ok yes no home computer save open close delete
	remove add new edit create confirm error warning info information search filter find apply done submit reset
	clear print export import settings help quit exit undo redo copy paste cut all none loading folder file files
	favourites favorites desktop documents downloads music pictures videos show hidden name size modified date
	type back next previous today month year day week untitled path location nil null true false empty choose
	dismiss retry skip continue finish browse upload download refresh`)

var (
	asciiWord = regexp.MustCompile(`[A-Za-z][A-Za-z']*`)
	// templateField is a field of a document template, as {year}: typed by
	// the clerk, not English shown to them.
	templateField = regexp.MustCompile(`\{[a-z]+(:[0-9]+)?\}`)
)

// englishIn is the first English UI word in s, or "".
func englishIn(s string) string {
	s = templateField.ReplaceAllString(s, "")
	for _, w := range asciiWord.FindAllString(s, -1) {
		if slices.Contains(englishUIWords, strings.ToLower(w)) {
			return w
		}
	}
	return ""
}

// screenTexts is every text drawn in the window (labels, buttons, tabs,
// table cells, drop-downs) and every placeholder of a visible drop-down or
// entry, shown when it is emptied.
func screenTexts(a *App) []string {
	var out []string
	objs := append([]fyne.CanvasObject{a.Window().Content()}, a.Window().Canvas().Overlays().List()...)
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *canvas.Text:
				out = append(out, w.Text)
			case *widget.Select:
				// Fyne's default is its English "(Select one)".
				out = append(out, w.PlaceHolder)
			case *widget.Entry:
				out = append(out, w.PlaceHolder)
			}
		})
	}
	return out
}

// mainScreens are the navigation's screens, in its order.
var mainScreens = []string{"概览", "社区", "小区", "党组织", "评选", "统计与快照", "交换文件", "设置", "操作记录", "回收站"}

// eachScreen shows every main screen and each stage of its stepper (the
// round's stages on 评选) or each tab of its first tab bar (the settings'
// tabs on 设置), calling fn on each.
func eachScreen(t *testing.T, a *App, fn func(where string)) {
	t.Helper()
	for _, p := range mainScreens {
		a.openTitled(p)
		a.Wait() // figures loaded after the first frame (the test driver runs fyne.Do at once)
		if a.current.title != p {
			t.Fatalf("screen %s not shown", p)
		}
		fn(p)
		if steps := find[*widgets.Stepper](a); len(steps) > 0 {
			for i, st := range steps[0].Steps() {
				steps[0].Select(i)
				fn(p + "/" + st.Name)
			}
			continue
		}
		var tabs *container.AppTabs
		walk(a.Window().Content(), func(o fyne.CanvasObject) {
			if at, ok := o.(*container.AppTabs); ok && tabs == nil {
				tabs = at
			}
		})
		if tabs == nil {
			continue
		}
		for i, it := range tabs.Items {
			tabs.SelectIndex(i)
			fn(p + "/" + it.Text)
		}
	}
}

// Every main screen, each tab of it, shows no English UI word.
func TestScreensShowNoEnglish(t *testing.T) {
	community, _ := roundStore(t, data.RoleCommunity)
	for copy, st := range map[string]*data.Store{"office": newTestStore(t, true), "community": community} {
		a := newTestApp(t, st)
		eachScreen(t, a, func(where string) {
			for _, s := range screenTexts(a) {
				if w := englishIn(s); w != "" {
					t.Errorf("%s copy, %s shows English %q in %q", copy, where, w, s)
				}
			}
		})
	}
	// The first-start questions.
	b := newTestApp(t, newTestStore(t, false))
	if b.first == nil {
		t.Fatal("no first-start questions on an empty folder")
	}
	for _, s := range screenTexts(b) {
		if w := englishIn(s); w != "" {
			t.Errorf("first start shows English %q in %q", w, s)
		}
	}
}

// Every screen fits a 1024×768 screen: the window cannot be made narrower
// than its content, and what is wider is cut off at the screen's edge.
func TestScreensFitSmallScreen(t *testing.T) {
	community, _ := roundStore(t, data.RoleCommunity)
	for copy, st := range map[string]*data.Store{"office": newTestStore(t, true), "community": community} {
		a := newTestApp(t, st)
		eachScreen(t, a, func(where string) {
			if m := a.Window().Content().MinSize(); m.Width > 1000 || m.Height > 680 {
				t.Errorf("%s copy, %s needs %.0f×%.0f, more than a 1024×768 screen gives", copy, where, m.Width, m.Height)
			}
		})
	}
}

func TestEnglishIn(t *testing.T) {
	for _, tc := range []struct{ s, want string }{
		{"(Select one)", "Select"},
		{"Cancel", "Cancel"},
		{"导出为 Excel（.xlsx）", ""},
		{"打印 PDF，Ctrl+S 保存", ""},
		{"UUID 3f2a9c1e-0b7d-4c55-9e1a-5d2b7c8e9f01", ""},
		{"YYYY-MM-DD，只知月份写 YYYY-MM", ""},
		{"Home", "Home"},
		{"{year}-SQ-{seq:03}", ""},
		{"{year} Save", "Save"},
	} {
		if got := englishIn(tc.s); got != tc.want {
			t.Errorf("englishIn(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// Every file dialog names its places in Chinese (Fyne lists "Home",
// "Computer", … in English).
func TestFileDialogsShowNoEnglish(t *testing.T) {
	for _, tc := range []struct {
		name string
		open func(a *App)
	}{
		{"save", func(a *App) { a.SaveFileDialogExt("名册.xlsx", ".xlsx", func(string) {}) }},
		{"open", func(a *App) { a.OpenFileDialogExt([]string{".xlsx"}, func(string) {}) }},
		{"font", func(a *App) { // 设置 › 打印 › 打印字体 › 选择字体…
			a.openTitled("设置")
			for _, tabs := range find[*container.AppTabs](a) {
				tabs.SelectIndex(1)
				break
			}
			for _, b := range find[*widget.Button](a) {
				if b.Text == "选择字体…" {
					test.Tap(b)
					return
				}
			}
		}},
	} {
		a := newTestApp(t, newTestStore(t, true))
		tc.open(a)
		texts := screenTexts(a)
		if !slices.Contains(texts, "主目录") {
			t.Errorf("%s dialog: no 主目录 among %q", tc.name, texts)
		}
		for _, s := range texts {
			if w := englishIn(s); w != "" {
				t.Errorf("%s dialog shows English %q in %q", tc.name, w, s)
			}
		}
	}
}

// Chinese text wraps by character: word wrapping breaks only at spaces, so
// a line with a space before a long run of Chinese ("全部 GBK 汉字…") left
// most of the line empty.
func TestScreensWrapChineseByCharacter(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	eachScreen(t, a, func(where string) {
		walk(a.Window().Content(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Wrapping == fyne.TextWrapWord {
				t.Errorf("%s: label %q wraps at spaces only", where, l.Text)
			}
		})
	})
}
