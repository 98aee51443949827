package shell

import (
	"context"

	"fyne.io/fyne/v2"
)

// Another clerk's changes: on the office server (or when a command-line job
// writes the data folder) the store tells the window, which refreshes the
// screen shown when that screen can do so without disturbing the clerk.

// Refresher is a screen that can show data changed by another client
// without losing its selection, an open form or what is typed in it.
type Refresher interface{ RefreshData() }

// WatchOthers refreshes the screen shown, when it is a Refresher, soon after
// another client commits a change; stop ends the watching.
func (b *Base) WatchOthers() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	b.store.WatchChanges(ctx, func() {
		post := b.Post
		if post == nil {
			post = fyne.Do
		}
		post(func() {
			if ctx.Err() != nil {
				return
			}
			if r, ok := b.CurrentPage().(Refresher); ok {
				r.RefreshData()
			}
		})
	})
	return cancel
}
