// Package admin holds the window's housekeeping screens: 设置 (with the print
// settings, the working-day calendar and 备份与恢复), 交换文件, 操作记录, 回收站,
// and the recovery window shown instead of the main one when the database is
// damaged. Each screen asks the window for what it needs through shell.Shell.
// It imports data (and its sub-packages), reports (for paper and font names),
// ui/documents, ui/shell and ui/widgets: never package ui, another screen
// package (ui/records, ui/rounds) or database/sql.
package admin
