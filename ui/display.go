package ui

import (
	"fmt"
	"io"
	"runtime"
)

// noDisplayMessage is what the window says instead of opening on a Linux or
// BSD system without a graphical desktop (neither DISPLAY nor
// WAYLAND_DISPLAY set), where Fyne would panic in English; "" when the window
// can open. Windows and macOS always have their desktop.
func noDisplayMessage(goos string, getenv func(string) string) string {
	switch goos {
	case "windows", "darwin", "ios", "android", "js":
		return ""
	}
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return "错误：这台电脑没有图形桌面（没有设置 DISPLAY 或 WAYLAND_DISPLAY），家园的窗口无法打开。\n" +
		"命令行任务仍然可以使用，运行 jiayuan help 查看。"
}

// CanOpenWindow reports whether the window can open here; when it cannot it
// says why on w, before the data folder is touched.
func CanOpenWindow(getenv func(string) string, w io.Writer) bool {
	msg := noDisplayMessage(runtime.GOOS, getenv)
	if msg != "" {
		fmt.Fprintln(w, msg)
	}
	return msg == ""
}
