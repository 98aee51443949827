// Package help is the 帮助 screen: the built-in guide (ui/guide), searchable
// as the clerk types, with its chapters listed beside it and a button that
// prints it as a PDF. The menu's 帮助 → 快捷键 opens it at the shortcuts.
// Like every screen it reaches the window only through shell.Shell; it
// imports ui/shell, ui/widgets and ui/guide, never another screen or ui.
package help

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiayuan/ui/guide"
	"jiayuan/ui/shell"
)

// Page is the 帮助 screen.
type Page struct {
	a        shell.Shell
	all      []guide.Section
	shown    []guide.Section
	search   *widget.Entry
	titles   *widget.List
	body     *fyne.Container // one RichText a section shown
	scroll   *container.Scroll
	none     *widget.Label // says nothing matched
	view     fyne.CanvasObject
	selected int // the section listed as selected, -1 for none
}

// NewPage is the 帮助 screen on the window a.
func NewPage(a shell.Shell) *Page {
	return &Page{a: a, all: guide.Sections(), selected: -1}
}

// Content builds the screen.
func (p *Page) Content() fyne.CanvasObject {
	if p.view != nil {
		return p.view
	}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("搜索使用说明，如“备份”“红头纸”（Ctrl+F）")
	p.search.OnChanged = func(string) { p.filter() }
	p.titles = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject { return widget.NewLabel("记录的字段与规则") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[i].Title) })
	p.titles.OnSelected = func(i widget.ListItemID) { p.scrollTo(i) }
	p.none = widget.NewLabel("")
	p.none.Hide()
	p.body = container.NewVBox()
	p.scroll = container.NewVScroll(container.NewVBox(p.none, p.body))
	top := container.NewBorder(nil, nil, widget.NewLabel("查找："), p.a.GuidePrintButton(), p.search)
	split := container.NewHSplit(p.titles, p.scroll)
	split.Offset = 0.2
	p.view = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, split)
	p.filter()
	return p.view
}

// Reload does nothing: the guide is part of the program.
func (p *Page) Reload() {}

// FocusSearch puts the cursor in the guide's search box (Ctrl+F).
func (p *Page) FocusSearch() { p.a.Window().Canvas().Focus(p.search) }

// Search sets the search box's text, filtering the guide as typing does.
func (p *Page) Search(q string) { p.search.SetText(q) }

// ShowSection clears the search and shows the section titled title, or the
// guide's beginning when title is "" or no section has it.
func (p *Page) ShowSection(title string) {
	p.Content()
	if p.search.Text != "" {
		p.search.SetText("")
	}
	for i, s := range p.shown {
		if s.Title == title {
			p.titles.Select(i)
			return
		}
	}
	p.titles.UnselectAll()
	p.scroll.ScrollToTop()
}

// Shown lists the titles of the sections shown.
func (p *Page) Shown() []string {
	out := make([]string, len(p.shown))
	for i, s := range p.shown {
		out[i] = s.Title
	}
	return out
}

// filter shows what matches the search box.
func (p *Page) filter() {
	q := p.search.Text
	p.shown = guide.Filter(p.all, q)
	objs := make([]fyne.CanvasObject, len(p.shown))
	for i, s := range p.shown {
		objs[i] = sectionText(s)
	}
	p.body.Objects = objs
	p.body.Refresh()
	if len(p.shown) == 0 {
		p.none.SetText("使用说明里没有找到“" + q + "”。")
		p.none.Show()
	} else {
		p.none.Hide()
	}
	p.titles.UnselectAll()
	p.titles.Refresh()
	p.scroll.ScrollToTop()
}

// scrollTo scrolls the section i shown to the top of the view.
func (p *Page) scrollTo(i int) {
	if i < 0 || i >= len(p.body.Objects) {
		return
	}
	p.scroll.Offset = fyne.NewPos(0, p.body.Objects[i].Position().Y+p.body.Position().Y)
	p.scroll.Refresh()
}
