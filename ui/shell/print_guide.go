package shell

import (
	"context"
	"io"

	"fyne.io/fyne/v2/widget"

	"jiayuan/ui/documents"
)

// GuidePrintButton prints the built-in guide (帮助 → 使用说明) as a PDF.
func (b *Base) GuidePrintButton() *widget.Button {
	return b.PrintButton("打印使用说明…", func() string { return documents.GuideTitle },
		func(_ context.Context, w io.Writer, _ func(int, int)) error { return documents.Guide(w) })
}
