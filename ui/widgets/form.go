package widgets

import (
	"errors"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// form edits one record in place: labelled fields, each with a line under it
// where the data layer's verdict on that field appears as the clerk types.
// Messages show for the fields already touched, and for all after a save attempt.
type Form struct {
	box      *fyne.Container
	grid     *fyne.Container // the current section's label/field grid
	fields   []*Field
	summary  *widget.Label // problems that belong to no field shown here
	validate func() error
	ShowAll  bool
	loading  bool // set while the widgets are being filled, so no field counts as touched
	// OnChange runs after every edit, once the messages are updated.
	OnChange func()
	dirty    bool
	// refreshers refill the drop-downs whose options depend on other fields.
	refreshers []func()
}

// labelWidth is the width of the label column of every form.
const labelWidth = 128

// Field is one labelled field of a Form.
type Field struct {
	name    string // the record's struct field, as in data.ValidationError
	label   string
	widget  fyne.CanvasObject
	box     fyne.CanvasObject // widget as laid out (fieldBox)
	msg     *widget.Label
	read    func() string // copies the widget into the record; returns a parse error or ""
	touched bool
	parse   string
}

// NewForm is an empty form; validate checks the record the fields are bound to.
func NewForm(validate func() error) *Form {
	f := &Form{validate: validate, loading: true}
	f.summary = widget.NewLabel("")
	f.summary.Importance = widget.DangerImportance
	f.summary.Wrapping = fyne.TextWrapBreak
	f.summary.Hide()
	f.box = container.NewVBox()
	return f
}

// Content is the form's widgets; call it after adding the fields.
func (f *Form) Content() fyne.CanvasObject {
	f.loading = false
	f.Check()
	return container.NewVBox(f.box, f.summary)
}

// Section starts a titled group of fields.
func (f *Form) Section(title string) {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if len(f.box.Objects) > 0 {
		f.box.Add(widget.NewSeparator())
	}
	f.box.Add(h)
	f.grid = container.New(layout.NewFormLayout())
	f.box.Add(f.grid)
}

// Add adds a field showing w; read copies w into the record and returns a
// parse error or "".
func (f *Form) Add(name, label string, w fyne.CanvasObject, read func() string) *Field {
	if f.grid == nil {
		f.grid = container.New(layout.NewFormLayout())
		f.box.Add(f.grid)
	}
	ff := &Field{name: name, label: label, widget: w, read: read}
	ff.msg = widget.NewLabel("")
	ff.msg.Importance = widget.DangerImportance
	ff.msg.Wrapping = fyne.TextWrapBreak // Chinese breaks between any characters
	ff.msg.SizeName = theme.SizeNameCaptionText
	l := widget.NewLabel(label)
	l.Alignment = fyne.TextAlignTrailing
	// A fixed minimum width lines the labels of every section up.
	pad := canvas.NewRectangle(color.Transparent)
	pad.SetMinSize(fyne.NewSize(labelWidth, 1))
	f.grid.Add(container.NewStack(pad, l))
	ff.box = fieldBox(w)
	f.grid.Add(container.NewVBox(ff.box, container.New(msgLayout{}, ff.msg)))
	f.fields = append(f.fields, ff)
	return ff
}

// Changed is called when the clerk edits ff.
func (f *Form) Changed(ff *Field) {
	refit(ff.box)
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
	f.Check()
	if f.OnChange != nil {
		f.OnChange()
	}
}

// Check copies every widget into the record, validates it and places the
// messages. It reports whether the record can be saved.
func (f *Form) Check() bool {
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
	f.Show(ve)
	return ok
}

// Show places the messages of ve (nil for none) under their fields.
func (f *Form) Show(ve *data.ValidationError) {
	placed := map[string]bool{}
	for _, ff := range f.fields {
		msg := ff.parse
		if msg == "" && ve != nil {
			msg = ve.For(ff.name)
		}
		placed[ff.name] = true
		if !ff.touched && !f.ShowAll {
			msg = ""
		}
		if ff.msg.Text != msg {
			ff.msg.SetText(msg)
			markInvalid(ff.widget, msg)
		}
	}
	var rest string
	if ve != nil && f.ShowAll {
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
}

// Message is the message shown under the field name ("" when none).
func (f *Form) Message(name string) string {
	for _, ff := range f.fields {
		if ff.name == name {
			return ff.msg.Text
		}
	}
	return ""
}

// Entry adds a one-line text field bound to p.
func (f *Form) Entry(name, label string, p *string, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.SetText(*p)
	ff := f.Add(name, label, e, func() string { *p = e.Text; return "" })
	e.OnChanged = func(string) { f.Changed(ff) }
	return e
}

// Multiline adds a text area bound to p.
func (f *Form) Multiline(name, label string, p *string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapBreak
	e.SetMinRowsVisible(3)
	e.SetText(*p)
	ff := f.Add(name, label, e, func() string { *p = e.Text; return "" })
	e.OnChanged = func(string) { f.Changed(ff) }
	return e
}

// Date adds a date field, shown in the window's date form (DateText); typed
// either way (2021-12-06, 2021年12月6日), or the month alone when only it is known.
func (f *Form) Date(name, label string, p *data.Date) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(DateHint())
	e.SetText(DateText(*p))
	ff := f.Add(name, label, e, func() string {
		d, err := data.ParseDate(e.Text)
		if err != nil {
			return err.Error()
		}
		*p = d
		return ""
	})
	e.OnChanged = func(string) { f.Changed(ff) }
	return e
}

// Count adds a count field: 1500, or a rough figure such as 14万余.
func (f *Form) Count(name, label string, p *data.Count) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("填数字；约数写如 300余、14万余")
	e.SetText(p.String())
	ff := f.Add(name, label, e, func() string {
		c, err := data.ParseCount(e.Text)
		if err != nil {
			return err.Error()
		}
		*p = c
		return ""
	})
	e.OnChanged = func(string) { f.Changed(ff) }
	return e
}

// Number adds a whole-number field (0 for empty).
func (f *Form) Number(name, label string, p *int, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	if *p != 0 {
		e.SetText(strconv.Itoa(*p))
	}
	ff := f.Add(name, label, e, func() string {
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
	e.OnChanged = func(string) { f.Changed(ff) }
	return e
}

// Choice adds a drop-down of fixed options bound to p.
func (f *Form) Choice(name, label string, options []string, p *string) *widget.Select {
	s := widget.NewSelect(options, nil)
	s.PlaceHolder = "（请选择）"
	s.SetSelected(*p)
	ff := f.Add(name, label, s, func() string { *p = s.Selected; return "" })
	s.OnChanged = func(string) { f.Changed(ff) }
	return s
}

// Flag adds a check box bound to p.
func (f *Form) Flag(name, label, text string, p *bool) *widget.Check {
	c := widget.NewCheck(text, nil)
	c.SetChecked(*p)
	ff := f.Add(name, label, c, func() string { *p = c.Checked; return "" })
	c.OnChanged = func(bool) { f.Changed(ff) }
	return c
}

// Option is one choice of a record picker.
type Option struct {
	ID   int64
	Name string
}

// Pick adds a drop-down of records bound to an id (0 for none).
func (f *Form) Pick(name, label string, opts func() []Option, p *int64, none string) *widget.Select {
	s := widget.NewSelect(nil, nil)
	s.PlaceHolder = "（请选择）"
	var current []Option
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
	ff := f.Add(name, label, s, func() string {
		*p = 0
		for _, o := range current {
			if o.Name == s.Selected {
				*p = o.ID
			}
		}
		return ""
	})
	s.OnChanged = func(string) { f.Changed(ff) }
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

// PickPtr is Pick for an optional reference stored as *int64 (nil for none).
func (f *Form) PickPtr(name, label string, opts func() []Option, p **int64, none string) *widget.Select {
	var id int64
	if *p != nil {
		id = **p
	}
	s := f.Pick(name, label, opts, &id, none)
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

// Dirty reports whether the clerk has edited a field since the form was built.
func (f *Form) Dirty() bool { return f.dirty }

// Widgets are the fields' widgets, in the order they were added.
func (f *Form) Widgets() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(f.fields))
	for i, ff := range f.fields {
		out[i] = ff.widget
	}
	return out
}

// Widget is the widget of the field name (nil when the form has none).
func (f *Form) Widget(name string) fyne.CanvasObject {
	for _, ff := range f.fields {
		if ff.name == name {
			return ff.widget
		}
	}
	return nil
}

// AfterRead makes the field added last call then each time it has copied its
// widget into the record (to derive another value of the record from it).
func (f *Form) AfterRead(then func()) {
	ff := f.fields[len(f.fields)-1]
	read := ff.read
	ff.read = func() string {
		msg := read()
		then()
		return msg
	}
}
