package shell

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// messageWidth is the width of an error dialog's message, in pixels.
const messageWidth = 480

// DialogSize is the size a dialog around content needs: its content's own
// height, and width, at least the content's and at most most (wrapping
// labels then take the lines they need).
func DialogSize(content fyne.CanvasObject, most float32) fyne.Size {
	m := content.MinSize()
	w := min(max(m.Width, 360), most)
	// Room for the title, the buttons and the dialog's padding.
	return fyne.NewSize(w+48, m.Height+120)
}

// ClearStatus empties the status line (the window calls it when the screen changes).
func (b *Base) ClearStatus() {
	if b.Status != nil {
		b.Status.SetText("")
	}
}

// textHeight is the height a wrapped text of lines needs at width pixels,
// between least and most: the error dialogs are as tall as their message.
func textHeight(text string, width, least, most float32) float32 {
	line := fyne.MeasureText("字", theme.TextSize(), fyne.TextStyle{})
	h := float32(0)
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		w := fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width
		n := float32(math.Ceil(float64(w / (width - 2*theme.InnerPadding()))))
		h += max(n, 1) * (line.Height + theme.LineSpacing())
	}
	return min(max(h+2*theme.InnerPadding(), least), most)
}
