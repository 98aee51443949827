package widgets

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// StepState is where a step stands.
type StepState int

const (
	StepWaiting StepState = iota // not reached yet
	StepDone                     // behind
	StepCurrent                  // where the work is now
	StepBlocked                  // cannot go on: Why says what is missing
)

// Step is one step of a Stepper: its name, its count line (已审 2/2) and
// its state; Why is the reason a blocked step waits.
type Step struct {
	Name, Count string
	State       StepState
	Why         string
}

// stateText is the step's third line.
func (s Step) stateText() string {
	switch s.State {
	case StepDone:
		return "已完成"
	case StepCurrent:
		return "● 当前"
	case StepBlocked:
		return "受阻：" + s.Why
	}
	return "未开始"
}

// Stepper shows every step of a process side by side, all of them at any
// width: each its number and name, its count under the name and its state
// below, the current one in bold with a bar under it, the one shown filled
// like a chosen tab. Texts too long for a step are cut with "…"; the width
// a Stepper asks for never depends on them. Tapping a step selects it.
type Stepper struct {
	widget.BaseWidget
	steps      []Step
	selected   int
	cells      []*stepCell
	OnSelected func(i int)
}

// NewStepper shows steps with the first one selected.
func NewStepper(steps []Step, onSelected func(int)) *Stepper {
	s := &Stepper{OnSelected: onSelected}
	s.ExtendBaseWidget(s)
	s.SetSteps(steps)
	return s
}

// SetSteps replaces the steps' texts and states (the selection stays).
func (s *Stepper) SetSteps(steps []Step) {
	s.steps = append([]Step(nil), steps...)
	for len(s.cells) < len(steps) {
		c := &stepCell{owner: s, index: len(s.cells)}
		c.ExtendBaseWidget(c)
		s.cells = append(s.cells, c)
	}
	s.cells = s.cells[:len(steps)]
	if s.selected >= len(steps) {
		s.selected = 0
	}
	s.Refresh()
}

// Steps are the steps shown.
func (s *Stepper) Steps() []Step { return append([]Step(nil), s.steps...) }

// Selected is the index of the step shown.
func (s *Stepper) Selected() int { return s.selected }

// Select shows step i and calls OnSelected.
func (s *Stepper) Select(i int) {
	if i < 0 || i >= len(s.steps) {
		return
	}
	s.selected = i
	s.Refresh()
	if s.OnSelected != nil {
		s.OnSelected(i)
	}
}

// Step selects the step delta places on (Alt+←/→), staying within the steps.
func (s *Stepper) Step(delta int) {
	i := s.selected + delta
	if i >= 0 && i < len(s.steps) {
		s.Select(i)
	}
}

// Shown are the three lines step i draws now (name, count, state), as cut
// to its width.
func (s *Stepper) Shown(i int) [3]string {
	c := s.cells[i]
	return [3]string{c.texts[0].Text, c.texts[1].Text, c.texts[2].Text}
}

func (s *Stepper) CreateRenderer() fyne.WidgetRenderer {
	return &stepperRenderer{s: s}
}

type stepperRenderer struct{ s *Stepper }

func (r *stepperRenderer) Objects() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(r.s.cells))
	for i, c := range r.s.cells {
		out[i] = c
	}
	return out
}

// Layout gives every step the same width.
func (r *stepperRenderer) Layout(size fyne.Size) {
	n := len(r.s.cells)
	if n == 0 {
		return
	}
	gap := theme.Padding() / 2
	w := (size.Width - gap*float32(n-1)) / float32(n)
	for i, c := range r.s.cells {
		c.Resize(fyne.NewSize(w, size.Height))
		c.Move(fyne.NewPos(float32(i)*(w+gap), 0))
	}
}

// MinSize is the same whatever the texts: each step as wide as four
// characters, as high as its three lines.
func (r *stepperRenderer) MinSize() fyne.Size {
	n := float32(len(r.s.cells))
	if n == 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(n*stepMinWidth()+(n-1)*theme.Padding()/2, stepHeight())
}

func (r *stepperRenderer) Refresh() {
	for _, c := range r.s.cells {
		c.Refresh()
	}
	r.Layout(r.s.Size())
}

func (r *stepperRenderer) Destroy() {}

func stepMinWidth() float32 {
	return fyne.MeasureText("第七阶段", theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
}

func smallText() float32 { return theme.CaptionTextSize() }

func stepHeight() float32 {
	big := fyne.MeasureText("年", theme.TextSize(), fyne.TextStyle{Bold: true}).Height
	small := fyne.MeasureText("年", smallText(), fyne.TextStyle{}).Height
	return big + 2*small + 2*theme.Padding() + 4 // the texts, the padding, the bar
}

// stepCell is one step: a background, a bar at the bottom, three lines.
type stepCell struct {
	widget.BaseWidget
	owner *Stepper
	index int
	bg    *canvas.Rectangle
	bar   *canvas.Rectangle
	texts [3]*canvas.Text
}

func (c *stepCell) Tapped(*fyne.PointEvent) { c.owner.Select(c.index) }

func (c *stepCell) CreateRenderer() fyne.WidgetRenderer {
	c.bg, c.bar = canvas.NewRectangle(color.Transparent), canvas.NewRectangle(color.Transparent)
	for i := range c.texts {
		c.texts[i] = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	}
	r := &cellRenderer{c: c}
	r.Refresh()
	return r
}

type cellRenderer struct{ c *stepCell }

func (r *cellRenderer) Objects() []fyne.CanvasObject {
	c := r.c
	return []fyne.CanvasObject{c.bg, c.bar, c.texts[0], c.texts[1], c.texts[2]}
}

func (r *cellRenderer) MinSize() fyne.Size { return fyne.NewSize(stepMinWidth(), stepHeight()) }

func (r *cellRenderer) Destroy() {}

// Refresh sets the colours and the full texts; Layout cuts them to the width.
func (r *cellRenderer) Refresh() {
	c := r.c
	if c.index >= len(c.owner.steps) {
		return
	}
	st := c.owner.steps[c.index]
	fg := theme.Color(theme.ColorNameForeground)
	accent := stateColour(st.State)
	c.bg.FillColor = color.Transparent
	if c.index == c.owner.selected {
		c.bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	c.bg.StrokeColor, c.bg.StrokeWidth = theme.Color(theme.ColorNameSeparator), 1
	c.bar.FillColor = accent
	c.texts[0].Text = fmt.Sprintf("%d %s", c.index+1, st.Name)
	c.texts[0].TextStyle = fyne.TextStyle{Bold: st.State == StepCurrent || c.index == c.owner.selected}
	c.texts[0].TextSize = theme.TextSize()
	c.texts[0].Color = fg
	c.texts[1].Text, c.texts[1].TextSize, c.texts[1].Color = st.Count, smallText(), fg
	c.texts[2].Text, c.texts[2].TextSize, c.texts[2].Color = st.stateText(), smallText(), accent
	c.texts[2].TextStyle = fyne.TextStyle{Bold: st.State == StepCurrent || st.State == StepBlocked}
	r.Layout(c.Size())
	canvas.Refresh(c)
}

func stateColour(s StepState) color.Color {
	switch s {
	case StepDone:
		return theme.Color(theme.ColorNameSuccess)
	case StepCurrent:
		return theme.Color(theme.ColorNamePrimary)
	case StepBlocked:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameDisabled)
}

func (r *cellRenderer) Layout(size fyne.Size) {
	c := r.c
	if c.index >= len(c.owner.steps) {
		return
	}
	st := c.owner.steps[c.index]
	c.bg.Resize(size)
	barH := float32(2)
	if st.State == StepCurrent {
		barH = 4
	}
	c.bar.Resize(fyne.NewSize(size.Width, barH))
	c.bar.Move(fyne.NewPos(0, size.Height-barH))
	full := [3]string{fmt.Sprintf("%d %s", c.index+1, st.Name), st.Count, st.stateText()}
	pad := theme.InnerPadding() / 2
	y := theme.Padding()
	for i, t := range c.texts {
		t.Text = cut(full[i], size.Width-2*pad, t.TextSize, t.TextStyle)
		h := fyne.MeasureText("年", t.TextSize, t.TextStyle).Height
		t.Resize(fyne.NewSize(size.Width-2*pad, h))
		t.Move(fyne.NewPos(pad, y))
		y += h
	}
}

// cut shortens s with "…" until it fits width.
func cut(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; fyne.MeasureText(t, size, style).Width <= width {
			return t
		}
	}
	return ""
}
