package widgets

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	jtheme "jiayuan/ui/theme"
)

// How a form's field sits on the screen: the widget in its neutral focus ring,
// and under it a line reserved for its message, so that nothing below moves
// when a message appears or goes away.

// fieldBox is a field's widget as the form lays it out. A text field gets the
// neutral focus ring; a one-line text field also lets the mouse wheel through
// to the form while its text fits (see entryFit).
func fieldBox(w fyne.CanvasObject) fyne.CanvasObject {
	e, ok := w.(*widget.Entry)
	if !ok {
		return w
	}
	e.AlwaysShowValidationError = true // the error border without a Validator
	ringed := jtheme.FocusRinged(e)
	if e.MultiLine {
		return ringed
	}
	return container.New(&entryFit{e: e}, ringed)
}

// markInvalid gives a text field the error border while msg is not "".
func markInvalid(w fyne.CanvasObject, msg string) {
	e, ok := w.(*widget.Entry)
	if !ok {
		return
	}
	if msg == "" {
		e.SetValidationError(nil)
	} else {
		e.SetValidationError(errors.New(msg))
	}
}

// msgLayout reserves one caption line for a field's message, whether it is
// shown or not; a message of several lines takes the room it needs. The label's
// own padding overlaps the gaps around it.
type msgLayout struct{}

func (msgLayout) pad() float32 { return theme.InnerPadding() }

func (l msgLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	line := fyne.MeasureText("字", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	h := line
	if len(objs) > 0 {
		if lbl, ok := objs[0].(*widget.Label); ok && lbl.Text != "" {
			h = max(line, objs[0].MinSize().Height-2*l.pad())
		}
	}
	return fyne.NewSize(0, h)
}

func (l msgLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, -l.pad()))
		o.Resize(fyne.NewSize(size.Width, size.Height+2*l.pad()))
	}
}

// entryFit lays out a one-line entry. Fyne puts a scroller inside every
// one-line entry, which takes the mouse wheel even when there is nothing to
// scroll, so the form did not scroll with the pointer over a field. While the
// text fits, the entry gets no scroller (Scroll = ScrollNone, no wrapping) and the wheel
// reaches the form; a text longer than the box gets it back, to scroll sideways.
type entryFit struct{ e *widget.Entry }

func (l *entryFit) MinSize(objs []fyne.CanvasObject) fyne.Size {
	// The width of an entry without a scroller grows with its text; the form
	// asks only for a box (the scroller comes back when the text is wider).
	return fyne.NewSize(80, objs[0].MinSize().Height)
}

func (l *entryFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.fit(size.Width)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// fit sets the entry's scrolling for a box width wide.
func (l *entryFit) fit(width float32) {
	text := l.e.Text
	if text == "" {
		text = l.e.PlaceHolder
	}
	need := fyne.MeasureText(text, theme.TextSize(), l.e.TextStyle).Width +
		4*theme.InnerPadding() + theme.IconInlineSize() + 2*theme.Padding()
	scroll, wrap := fyne.ScrollNone, fyne.TextWrapOff
	if width <= 0 || need > width {
		// Fyne's defaults: a one-line entry clips its text and scrolls sideways.
		scroll, wrap = fyne.ScrollBoth, fyne.TextWrap(fyne.TextTruncateClip)
	}
	if l.e.Scroll != scroll || l.e.Wrapping != wrap {
		l.e.Scroll, l.e.Wrapping = scroll, wrap
		l.e.Refresh()
	}
}

// refit runs fit again after the text changed.
func refit(box fyne.CanvasObject) {
	if c, ok := box.(*fyne.Container); ok {
		if f, ok := c.Layout.(*entryFit); ok {
			f.fit(c.Size().Width)
		}
	}
}
