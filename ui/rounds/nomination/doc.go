// Package nomination holds the read-only parts of a round's nomination
// dialog (ui/rounds): the values as submitted beside what the records hold
// now, the 评审结果反馈 display, the attachments box and the versions
// dialog. Each is a function of shell.Shell and plain data values.
package nomination
