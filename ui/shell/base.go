package shell

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// Base is the part of the window every screen shares: it implements Shell,
// leaving the navigation to the hooks the window sets (On...).
type Base struct {
	fyne     fyne.App
	win      fyne.Window
	store    *data.Store
	settings data.Settings
	runner   widgets.Runner

	// Clock is the clock the screens judge election dates by (tests fix it).
	Clock func() time.Time
	// Status is the status bar's line (nil: no status bar yet).
	Status *widget.Label

	// OnOpen shows the screen with a navigation title.
	OnOpen func(title string)
	// OnHistory shows the history of one record.
	OnHistory func(entity string, id int64, label string)
	// OnHolidays shows the working-day calendar's dialog.
	OnHolidays func(onClose func())
	// OnSettings runs after the settings changed (ApplySettings, AfterRestore).
	OnSettings func()
	// OnRestore runs after a backup was restored, once the settings are read again.
	OnRestore func()
	// OnCurrent returns the screen shown (nil: none).
	OnCurrent func() Page
	// Post runs work on the window's goroutine (nil: fyne.Do); tests hand
	// the refreshes of WatchOthers to the test's goroutine with it.
	Post func(func())
}

// New is the Base of a window on st; the store's operator defaults to the settings'.
func New(a fyne.App, st *data.Store) *Base {
	b := &Base{fyne: a, store: st, Clock: time.Now}
	b.settings, _ = st.Settings()
	widgets.SetDateForm(b.settings.DateFormWindow)
	if st.Operator == "" {
		st.Operator = b.settings.Operator
	}
	b.runner.Fail = b.ShowError
	return b
}

// SetWindow makes w the window the dialogs show over.
func (b *Base) SetWindow(w fyne.Window) {
	b.win = w
	b.runner.Win = w
}

// App is the Fyne application.
func (b *Base) App() fyne.App { return b.fyne }

// Window is the main window.
func (b *Base) Window() fyne.Window { return b.win }

// Store is the open data folder.
func (b *Base) Store() *data.Store { return b.store }

// Settings are the settings in effect.
func (b *Base) Settings() data.Settings { return b.settings }

// Today is the day by Clock.
func (b *Base) Today() time.Time { return b.Clock() }

// Wait waits for the jobs started so far.
func (b *Base) Wait() { b.runner.Wait() }

// ApplySettings makes saved settings take effect in the running window.
func (b *Base) ApplySettings(s data.Settings) {
	b.settings = s
	widgets.SetDateForm(s.DateFormWindow)
	if s.Operator != "" {
		b.store.Operator = s.Operator
	}
	if b.OnSettings != nil {
		b.OnSettings()
	}
}

// AfterRestore reads the settings again and refreshes the screen shown.
func (b *Base) AfterRestore() {
	b.settings, _ = b.store.Settings()
	widgets.SetDateForm(b.settings.DateFormWindow)
	if b.OnSettings != nil {
		b.OnSettings()
	}
	if b.OnRestore != nil {
		b.OnRestore()
	}
}

// OpenTitled shows the screen with that navigation title.
func (b *Base) OpenTitled(title string) {
	if b.OnOpen != nil {
		b.OnOpen(title)
	}
}

// CurrentPage is the screen shown, nil when none is.
func (b *Base) CurrentPage() Page {
	if b.OnCurrent == nil {
		return nil
	}
	return b.OnCurrent()
}

// ShowHistory lists every change to one record in a dialog.
func (b *Base) ShowHistory(entity string, id int64, label string) {
	if b.OnHistory != nil {
		b.OnHistory(entity, id, label)
	}
}

// EditHolidays shows the dialog of the working-day calendar's exceptions.
func (b *Base) EditHolidays(onClose func()) {
	if b.OnHolidays != nil {
		b.OnHolidays(onClose)
	}
}

// Background runs work off the UI goroutine, then done on it.
func (b *Base) Background(work, done func()) { b.runner.Background(work, done) }

// RunBusy runs work behind a progress dialog; see widgets.Runner.
func (b *Base) RunBusy(title string, work func(progress func(done, total int)) error, done func()) {
	b.runner.RunBusy(title, work, done)
}

// RunBusyErr is RunBusy handing any error to finish.
func (b *Base) RunBusyErr(title string, work func(progress func(done, total int)) error, finish func(error)) {
	b.runner.RunBusyErr(title, work, finish)
}

// RunProgress runs work off the UI goroutine behind the dialog j describes.
func (b *Base) RunProgress(j widgets.ProgressJob, work func(progress func(done, total int)) error, finish func(error)) {
	b.runner.RunProgress(j, work, finish)
}

// SaveFileDialogExt asks where to save a file with extension ext; see widgets.SaveFileDialogExt.
func (b *Base) SaveFileDialogExt(name, ext string, fn func(path string)) {
	widgets.SaveFileDialogExt(b.win, b.store, name, ext, fn, b.ShowError)
}

// OpenFileDialogExt asks for a file with one of the extensions.
func (b *Base) OpenFileDialogExt(exts []string, fn func(path string)) {
	widgets.OpenFileIn(b.win, exts, fn, func(err error) { b.ShowError("无法打开文件", err) })
}

// SetStatus shows a line in the status bar.
func (b *Base) SetStatus(format string, args ...any) {
	if b.Status != nil {
		b.Status.SetText(fmt.Sprintf(format, args...))
	}
}

// ShowError shows err in a dialog; a list of dependents or of validation
// problems is shown one per line.
func (b *Base) ShowError(title string, err error) { b.ShowErrorThen(title, err, nil) }

// Refuse shows err for a form dialog d that closed on its confirm button,
// then shows d again, with what was typed, to be corrected.
func (b *Base) Refuse(d dialog.Dialog, title string, err error) {
	b.ShowErrorThen(title, err, d.Show)
}

// ShowErrorThen is ShowError, calling then (when not nil) once it is closed.
func (b *Base) ShowErrorThen(title string, err error, then func()) {
	var de *data.DependentsError
	var ve *data.ValidationError
	text := data.Explain(err)
	switch {
	case errors.As(err, &de):
		text = de.Record + "还有下属记录，不能删除。请先删除或移走：\n"
		for _, d := range de.Dependents {
			text += "  · " + d + "\n"
		}
	case errors.As(err, &ve):
		text = ve.Record + "有以下问题：\n"
		for _, f := range ve.Fields {
			text += "  · " + f.Error() + "\n"
		}
	}
	// Broken here by the Chinese rules (no "，" starting a line); Fyne's
	// breaking anywhere is only the safety net. Word wrapping saw "  · " and
	// a long run of Chinese (no spaces) as two words and left the bullet alone.
	l := widget.NewLabel(wrapForLabel(text, messageWidth))
	l.Wrapping = fyne.TextWrapBreak
	scroll := container.NewVScroll(l)
	scroll.SetMinSize(fyne.NewSize(messageWidth, textHeight(l.Text, messageWidth, 60, 360)))
	d := dialog.NewCustom(title, "知道了", scroll, b.win)
	if then != nil {
		d.SetOnClosed(then)
	}
	d.Show()
}

// OwnCommunity is the community of a community's copy.
func (b *Base) OwnCommunity() (data.Community, error) {
	cs, err := b.store.Communities()
	if err != nil {
		return data.Community{}, err
	}
	for _, c := range cs {
		if c.UUID == b.settings.CommunityUUID {
			return c, nil
		}
	}
	return data.Community{}, fmt.Errorf("本社区（%s）不在记录里", b.settings.CommunityUUID)
}

// OwnCommunityID is the id of a community's own community, 0 in the office's copy.
func (b *Base) OwnCommunityID() int64 {
	if b.settings.IsOffice() || b.settings.CommunityUUID == "" {
		return 0
	}
	c, err := b.OwnCommunity()
	if err != nil {
		return 0
	}
	return c.ID
}

// CommunityOptions lists the communities for a picker.
func (b *Base) CommunityOptions() []widgets.Option {
	cs, err := b.store.Communities()
	if err != nil {
		return nil
	}
	out := make([]widgets.Option, len(cs))
	for i, c := range cs {
		out[i] = widgets.Option{ID: c.ID, Name: c.Name}
	}
	return out
}
