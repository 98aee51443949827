// Package widgets holds the pieces every screen of the window builds with: the
// record table (RecordTable, ReadTable), the record form (Form), the file
// dialogs and the Runner that does a screen's slow work off the UI goroutine.
// It imports Fyne and data (for the record types a form edits) only: never the
// shell (package ui), ui/shell or a screen package (ui/records, ui/rounds,
// ui/admin), and it reads and writes nothing of the store itself.
package widgets
