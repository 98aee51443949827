// Package rounds is the 评选 screen: the list of selection rounds and, for the
// round shown, its stages as tabs (设置, 申报, 初审, 评审, 排名, 公示, 命名).
// It asks the window for what it needs through shell.Shell (printing too). It
// imports data (and its sub-packages), ui/shell and ui/widgets: never package
// ui, another screen package (ui/records, ui/admin), database/sql or reports.
package rounds
