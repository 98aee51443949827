package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

func TestAboutShowsVersionAndDataFolder(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	text := a.aboutText(fyne.AppMetadata{Name: "家园", Version: "9.8.7", Build: 42})
	for _, want := range []string{"家园 9.8.7", "构建 42", st.Dir(), "华阳街道", "街道办事处"} {
		if !strings.Contains(text, want) {
			t.Errorf("about text lacks %q:\n%s", want, text)
		}
	}
	a.showAbout()
	if !showsText(a, st.Dir()) {
		t.Error("关于家园 does not show the data folder")
	}
}
