package ui

import "golang.org/x/sys/windows"

// showNativeError shows msg in a Windows message box: a program built as a
// windows GUI has no console, so standard error reaches no one.
func showNativeError(title, msg string) {
	t, err1 := windows.UTF16PtrFromString(title)
	m, err2 := windows.UTF16PtrFromString(msg)
	if err1 != nil || err2 != nil {
		return
	}
	windows.MessageBox(0, m, t, windows.MB_OK|windows.MB_ICONERROR|windows.MB_SETFOREGROUND)
}
