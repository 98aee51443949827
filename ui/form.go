package ui

import (
	"errors"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// form edits one record in place: labelled fields, each with a line under it
// where the data layer's verdict on that field appears as the clerk types.
// Messages show for the fields already touched, and for all after a save attempt.
type form struct {
	box      *fyne.Container
	grid     *fyne.Container // the current section's label/field grid
	fields   []*formField
	summary  *widget.Label // problems that belong to no field shown here
	validate func() error
	showAll  bool
	loading  bool // set while the widgets are being filled, so no field counts as touched
	// OnChange runs after every edit, once the messages are updated.
	OnChange func()
	dirty    bool
	// refreshers refill the drop-downs whose options depend on other fields.
	refreshers []func()
}

// labelWidth is the width of the label column of every form.
const labelWidth = 128

type formField struct {
	name    string // the record's struct field, as in data.ValidationError
	label   string
	widget  fyne.CanvasObject
	msg     *widget.Label
	read    func() string // copies the widget into the record; returns a parse error or ""
	touched bool
	parse   string
}

func newForm(validate func() error) *form {
	f := &form{validate: validate, loading: true}
	f.summary = widget.NewLabel("")
	f.summary.Importance = widget.DangerImportance
	f.summary.Wrapping = fyne.TextWrapBreak
	f.summary.Hide()
	f.box = container.NewVBox()
	return f
}

// content is the form's widgets; call it after adding the fields.
func (f *form) content() fyne.CanvasObject {
	f.loading = false
	f.check()
	return container.NewVBox(f.box, f.summary)
}

// section starts a titled group of fields.
func (f *form) section(title string) {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if len(f.box.Objects) > 0 {
		f.box.Add(widget.NewSeparator())
	}
	f.box.Add(h)
	f.grid = container.New(layout.NewFormLayout())
	f.box.Add(f.grid)
}

func (f *form) add(name, label string, w fyne.CanvasObject, read func() string) *formField {
	if f.grid == nil {
		f.grid = container.New(layout.NewFormLayout())
		f.box.Add(f.grid)
	}
	ff := &formField{name: name, label: label, widget: w, read: read}
	ff.msg = widget.NewLabel("")
	ff.msg.Importance = widget.DangerImportance
	ff.msg.Wrapping = fyne.TextWrapBreak // Chinese breaks between any characters
	ff.msg.Hide()
	l := widget.NewLabel(label)
	l.Alignment = fyne.TextAlignTrailing
	// A fixed minimum width lines the labels of every section up.
	pad := canvas.NewRectangle(color.Transparent)
	pad.SetMinSize(fyne.NewSize(labelWidth, 1))
	f.grid.Add(container.NewStack(pad, l))
	f.grid.Add(container.NewVBox(w, ff.msg))
	f.fields = append(f.fields, ff)
	return ff
}

func (f *form) changed(ff *formField) {
	if f.loading {
		return
	}
	ff.touched = true
	f.dirty = true
	// Only a choice changes what other drop-downs offer (compounds of the community chosen, say).
	if _, isChoice := ff.widget.(*widget.Select); isChoice && len(f.refreshers) > 0 {
		for _, x := range f.fields {
			x.read()
		}
		f.loading = true
		for _, r := range f.refreshers {
			r()
		}
		f.loading = false
	}
	f.check()
	if f.OnChange != nil {
		f.OnChange()
	}
}

// check copies every widget into the record, validates it and places the
// messages. It reports whether the record can be saved.
func (f *form) check() bool {
	ok := true
	for _, ff := range f.fields {
		ff.parse = ff.read()
		if ff.parse != "" {
			ok = false
		}
	}
	var ve *data.ValidationError
	err := f.validate()
	if err != nil {
		ok = false
		if !errors.As(err, &ve) {
			ve = &data.ValidationError{Fields: []data.FieldError{{Label: "", Msg: err.Error()}}}
		}
	}
	f.show(ve)
	return ok
}

// show places the messages of ve (nil for none) under their fields.
func (f *form) show(ve *data.ValidationError) {
	placed := map[string]bool{}
	relayout := false
	for _, ff := range f.fields {
		msg := ff.parse
		if msg == "" && ve != nil {
			msg = ve.For(ff.name)
		}
		placed[ff.name] = true
		if !ff.touched && !f.showAll {
			msg = ""
		}
		if ff.msg.Text != msg {
			ff.msg.SetText(msg)
		}
		if (msg != "") != ff.msg.Visible() {
			relayout = true
			if msg == "" {
				ff.msg.Hide()
			} else {
				ff.msg.Show()
			}
		}
	}
	var rest string
	if ve != nil && f.showAll {
		for _, fe := range ve.Fields {
			if !placed[fe.Field] {
				if rest != "" {
					rest += "\n"
				}
				rest += fe.Error()
			}
		}
	}
	f.summary.SetText(rest)
	if rest == "" {
		f.summary.Hide()
	} else {
		f.summary.Show()
	}
	if relayout {
		// A message appearing or going away moves the fields below it.
		for _, o := range f.box.Objects {
			if c, ok := o.(*fyne.Container); ok {
				c.Refresh()
			}
		}
		f.box.Refresh()
	}
}

// message is the message shown under the field name ("" when none).
func (f *form) message(name string) string {
	for _, ff := range f.fields {
		if ff.name == name && ff.msg.Visible() {
			return ff.msg.Text
		}
	}
	return ""
}

// entry adds a one-line text field bound to p.
func (f *form) entry(name, label string, p *string, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.SetText(*p)
	ff := f.add(name, label, e, func() string { *p = e.Text; return "" })
	e.OnChanged = func(string) { f.changed(ff) }
	return e
}

// multiline adds a text area bound to p.
func (f *form) multiline(name, label string, p *string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapBreak
	e.SetMinRowsVisible(3)
	e.SetText(*p)
	ff := f.add(name, label, e, func() string { *p = e.Text; return "" })
	e.OnChanged = func(string) { f.changed(ff) }
	return e
}

// date adds a date field: typed and shown as YYYY-MM-DD, or YYYY-MM when
// only the month is known.
func (f *form) date(name, label string, p *data.Date) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("YYYY-MM-DD，只知月份写 YYYY-MM")
	e.SetText(p.String())
	ff := f.add(name, label, e, func() string {
		d, err := data.ParseDate(e.Text)
		if err != nil {
			return err.Error()
		}
		*p = d
		return ""
	})
	e.OnChanged = func(string) { f.changed(ff) }
	return e
}

// count adds a count field: 1500, or a rough figure such as 14万余.
func (f *form) count(name, label string, p *data.Count) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("填数字；约数写如 300余、14万余")
	e.SetText(p.String())
	ff := f.add(name, label, e, func() string {
		c, err := data.ParseCount(e.Text)
		if err != nil {
			return err.Error()
		}
		*p = c
		return ""
	})
	e.OnChanged = func(string) { f.changed(ff) }
	return e
}

// number adds a whole-number field (0 for empty).
func (f *form) number(name, label string, p *int, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	if *p != 0 {
		e.SetText(strconv.Itoa(*p))
	}
	ff := f.add(name, label, e, func() string {
		s := data.Normalize(e.Text)
		if s == "" {
			*p = 0
			return ""
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return "“" + s + "”不是整数"
		}
		*p = n
		return ""
	})
	e.OnChanged = func(string) { f.changed(ff) }
	return e
}

// choice adds a drop-down of fixed options bound to p.
func (f *form) choice(name, label string, options []string, p *string) *widget.Select {
	s := widget.NewSelect(options, nil)
	s.PlaceHolder = "（请选择）"
	s.SetSelected(*p)
	ff := f.add(name, label, s, func() string { *p = s.Selected; return "" })
	s.OnChanged = func(string) { f.changed(ff) }
	return s
}

// flag adds a check box bound to p.
func (f *form) flag(name, label, text string, p *bool) *widget.Check {
	c := widget.NewCheck(text, nil)
	c.SetChecked(*p)
	ff := f.add(name, label, c, func() string { *p = c.Checked; return "" })
	c.OnChanged = func(bool) { f.changed(ff) }
	return c
}

// option is one choice of a record picker.
type option struct {
	ID   int64
	Name string
}

// pick adds a drop-down of records bound to an id (0 for none).
func (f *form) pick(name, label string, opts func() []option, p *int64, none string) *widget.Select {
	s := widget.NewSelect(nil, nil)
	s.PlaceHolder = "（请选择）"
	var current []option
	fill := func() {
		current = opts()
		names := make([]string, 0, len(current)+1)
		if none != "" {
			names = append(names, none)
		}
		for _, o := range current {
			names = append(names, o.Name)
		}
		s.SetOptions(names)
	}
	fill()
	if *p == 0 && none != "" {
		s.SetSelected(none)
	}
	for _, o := range current {
		if o.ID == *p {
			s.SetSelected(o.Name)
		}
	}
	ff := f.add(name, label, s, func() string {
		*p = 0
		for _, o := range current {
			if o.Name == s.Selected {
				*p = o.ID
			}
		}
		return ""
	})
	s.OnChanged = func(string) { f.changed(ff) }
	f.refreshers = append(f.refreshers, func() {
		sel := s.Selected
		fill()
		for _, o := range current {
			if o.Name == sel {
				return
			}
		}
		if sel != none {
			s.ClearSelected()
		}
	})
	return s
}

// pickPtr is pick for an optional reference stored as *int64 (nil for none).
func (f *form) pickPtr(name, label string, opts func() []option, p **int64, none string) *widget.Select {
	var id int64
	if *p != nil {
		id = **p
	}
	s := f.pick(name, label, opts, &id, none)
	ff := f.fields[len(f.fields)-1]
	read := ff.read
	ff.read = func() string {
		msg := read()
		if id == 0 {
			*p = nil
		} else {
			v := id
			*p = &v
		}
		return msg
	}
	return s
}
