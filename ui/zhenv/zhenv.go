// Package zhenv sets, before Fyne's packages initialise, the locale variables
// Fyne reads on Linux, so a C or POSIX locale (a server, Xvfb, CI) neither
// makes Fyne log English "Error parsing user locale C" lines on stderr at every
// start nor gives English dialog words. main imports it (so do ui/cli and, for
// UseChinese, ui); it imports nothing
// but os and runtime, so Go's initialisation order (packages sorted by import
// path, each as soon as its imports are ready) runs it before
// fyne.io/fyne/v2/lang, whose imports include packages sorting after it.
// ui.UseChinese does the same again at run time for tests and the window.
package zhenv

import (
	"os"
	"runtime"
)

func init() { Apply() }

// Apply takes an unset, C or POSIX locale on Linux as Simplified Chinese.
func Apply() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return
	}
	if os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "zh_CN")
	}
	if os.Getenv("LC_ALL") == "" && os.Getenv("LC_MESSAGES") == "" {
		switch os.Getenv("LANG") {
		case "", "C", "POSIX", "C.UTF-8", "C.utf8":
			os.Setenv("LC_MESSAGES", "zh_CN.UTF-8")
		}
	}
}
