package ui

import "jiayuan/ui/widgets"

// Tests run the window's background work at once: Fyne's test driver runs
// fyne.Do on the calling goroutine, so a real goroutine would race with the
// test reading the widgets.
func init() { widgets.Inline = true }
