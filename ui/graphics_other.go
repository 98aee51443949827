//go:build !windows

package ui

// showNativeError does nothing outside Windows: the message is on standard
// error and in the log file.
func showNativeError(title, msg string) {}
