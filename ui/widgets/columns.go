package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// columnsLayout places a row's cells at fixed widths; the last cell takes
// what is left (at least its minimum). Rows built with the same widths line up.
type columnsLayout struct{ widths []float32 }

// NewColumnsRow is a row of cells at the widths given.
func NewColumnsRow(widths []float32, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{widths: widths}, cells...)
}

func (l *columnsLayout) width(i int, o fyne.CanvasObject) float32 {
	if i < len(l.widths) {
		return l.widths[i]
	}
	return o.MinSize().Width
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	const gap = 4
	for i, o := range objs {
		w := l.width(i, o)
		if i == len(objs)-1 && size.Width-x > w {
			w = size.Width - x
		}
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w + gap
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		w += l.width(i, o) + 4
		if m := o.MinSize().Height; m > h {
			h = m
		}
	}
	return fyne.NewSize(w, h)
}

// NewChoice is a drop-down whose empty state reads Chinese (Fyne's own
// placeholder is English).
func NewChoice(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = "（请选择）"
	return s
}
