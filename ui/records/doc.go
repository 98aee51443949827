// Package records holds the record screens of the window: 社区, 小区 and 党组织
// (a list, a search, a form per record, Excel import and export, the record
// list's print button). Each screen asks the window for what it needs through
// shell.Shell. It imports data, data/sheet, ui/shell and ui/widgets: never
// package ui, another screen package (ui/rounds, ui/admin), database/sql or
// reports.
package records
