// Package shell is what a screen of the window may ask of the window around it
// (Shell), what the window asks of a screen (Page), and Base, the part of the
// window that serves those asks without knowing any screen: the store and
// settings, the status bar, error dialogs, the off-thread Runner, the file
// dialogs and printing. The window (package ui) embeds Base and adds the
// navigation; a screen's tests use Base alone.
//
// It imports data, documents, widgets and Fyne: never package ui nor a screen
// package (ui/records, ui/rounds, ui/admin), so every screen can import it.
package shell

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// Shell is the window as its screens see it.
type Shell interface {
	Data
	Messages
	Jobs
	Printer
	Navigator
}

// Data is the window's data: the store, the settings and the clock.
type Data interface {
	App() fyne.App
	Window() fyne.Window
	Store() *data.Store
	Settings() data.Settings
	// ApplySettings makes saved settings take effect in the running window.
	ApplySettings(s data.Settings)
	// Today is the day the screens judge election dates by.
	Today() time.Time
	// OwnCommunity is the community of a community's copy.
	OwnCommunity() (data.Community, error)
	// OwnCommunityID is the id of a community's own community, 0 in the office's copy.
	OwnCommunityID() int64
	// CommunityOptions lists the communities for a picker.
	CommunityOptions() []widgets.Option
}

// Messages are the status bar and the error dialogs.
type Messages interface {
	SetStatus(format string, args ...any)
	ShowError(title string, err error)
	// ShowErrorThen is ShowError, calling then (when not nil) once it is closed.
	ShowErrorThen(title string, err error, then func())
	Refuse(d dialog.Dialog, title string, err error)
}

// Jobs runs work off the UI goroutine and asks for files.
type Jobs interface {
	Background(work, done func())
	RunBusy(title string, work func(progress func(done, total int)) error, done func())
	RunBusyErr(title string, work func(progress func(done, total int)) error, finish func(error))
	RunProgress(j widgets.ProgressJob, work func(progress func(done, total int)) error, finish func(error))
	SaveFileDialogExt(name, ext string, fn func(path string))
	OpenFileDialogExt(exts []string, fn func(path string))
}

// Printer gives the print buttons (see print.go).
type Printer interface {
	PrintJob(title, suggestedName string, job PrintWork)
	PrintButton(label string, name func() string, job PrintWork) *widget.Button
	RoundPrintBar(round func() data.Round) fyne.CanvasObject
	NominationPrintButton(nom func() data.Nomination) *widget.Button
	RecordsPrintButton(kind string) *widget.Button
	GuidePrintButton() *widget.Button
}

// Navigator reaches what another screen shows.
type Navigator interface {
	// OpenTitled shows the screen with that navigation title.
	OpenTitled(title string)
	// CurrentPage is the screen shown, nil when none is.
	CurrentPage() Page
	// ShowHistory lists every change to one record in a dialog.
	ShowHistory(entity string, id int64, label string)
	// EditHolidays shows the dialog of the working-day calendar's exceptions.
	EditHolidays(onClose func())
	// AfterRestore reads the settings again and refreshes the screen shown.
	AfterRestore()
}

// Page is a screen of the main window. Screens implement the optional
// interfaces below for the keyboard shortcuts they support.
type Page interface {
	// Content builds the screen once.
	Content() fyne.CanvasObject
	// Reload reads the store again; it runs each time the screen is shown.
	Reload()
}

type (
	// Creator is a page with Ctrl+N.
	Creator interface{ NewRecord() }
	// Saver is a page with Ctrl+S.
	Saver interface{ Save() }
	// Searcher is a page with Ctrl+F.
	Searcher interface{ FocusSearch() }
	// Deleter is a page with the Delete key.
	Deleter interface{ DeleteSelected() }
)

// StaticPage wraps a screen that needs no reloading.
type StaticPage struct {
	Build func() fyne.CanvasObject
}

// Content builds the screen.
func (p *StaticPage) Content() fyne.CanvasObject { return p.Build() }

// Reload does nothing.
func (p *StaticPage) Reload() {}
