package ui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// halfWidthAfterHan is a half-width ":" "?" "," ";" "!" right after a Chinese
// character: Chinese text takes the full-width forms (："？，；！).
var halfWidthAfterHan = regexp.MustCompile(`\p{Han}[:?,;!]`)

// No label, placeholder, button or dialog text of any screen has half-width
// punctuation after a Chinese character.
func TestScreensUseFullWidthPunctuation(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	eachScreen(t, a, func(where string) {
		for _, s := range screenTexts(a) {
			if m := halfWidthAfterHan.FindString(s); m != "" {
				t.Errorf("%s: %q has half-width punctuation in %q", where, m, s)
			}
		}
	})
	b := newTestApp(t, newTestStore(t, false))
	for _, s := range screenTexts(b) {
		if m := halfWidthAfterHan.FindString(s); m != "" {
			t.Errorf("first start: %q has half-width punctuation in %q", m, s)
		}
	}
}

// The status line belongs to the screen it was given on: it is empty once
// another screen is shown.
func TestStatusClearedOnPageChange(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	openScreen(t, a, "社区")
	a.SetStatus("已保存社区“滨江社区”")
	openScreen(t, a, "小区")
	if a.Status.Text != "" {
		t.Errorf("status %q still shown on 小区", a.Status.Text)
	}
}

// Every form's destructive button (删除…) looks different from its saving
// one: red (danger) against the accent, on every screen and tab.
func TestDestructiveButtonsDifferFromSave(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	seen := 0
	eachScreen(t, a, func(where string) {
		// Open the first record so the form's buttons are those of a record.
		if p, ok := a.current.page.(interface{ NewRecord() }); ok && (where == "社区" || where == "小区" || where == "党组织") {
			p.NewRecord()
		}
		var saves, deletes []*widget.Button
		walk(a.Window().Content(), func(o fyne.CanvasObject) {
			b, ok := o.(*widget.Button)
			if !ok {
				return
			}
			switch {
			case strings.HasPrefix(b.Text, "删除") || strings.HasPrefix(b.Text, "清空"):
				deletes = append(deletes, b)
			case strings.HasPrefix(b.Text, "保存"):
				saves = append(saves, b)
			}
		})
		for _, d := range deletes {
			if d.Importance != widget.DangerImportance {
				t.Errorf("%s: destructive button %q is not red (importance %v)", where, d.Text, d.Importance)
			}
		}
		for _, s := range saves {
			seen++
			if s.Importance == widget.DangerImportance {
				t.Errorf("%s: saving button %q looks destructive", where, s.Text)
			}
			for _, d := range deletes {
				if d.Importance == s.Importance {
					t.Errorf("%s: %q and %q look the same", where, d.Text, s.Text)
				}
			}
		}
	})
	if seen == 0 {
		t.Fatal("no saving button found on any screen")
	}
	// The two importances are drawn in different colours.
	if theme.Color(theme.ColorNamePrimary) == theme.Color(theme.ColorNameError) {
		t.Error("a saving (high importance) button and a destructive one are drawn in the same colour")
	}
}

// Each navigation entry has its own icon.
func TestNavigationIconsDistinct(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	by := map[string]string{}
	for _, p := range a.pages {
		if other, ok := by[p.icon.Name()]; ok {
			t.Errorf("%s and %s share the icon %s", other, p.title, p.icon.Name())
		}
		by[p.icon.Name()] = p.title
	}
	// 党组织 is an organisation, not one person.
	for _, p := range a.pages {
		if p.title == "党组织" && p.icon.Name() == theme.AccountIcon().Name() {
			t.Errorf("党组织 shows the single-person icon")
		}
	}
}
