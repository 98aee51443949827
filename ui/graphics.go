package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"jiayuan/data"
)

// GraphicsLog is the file, in the data folder, where the window writes why
// it could not start for lack of OpenGL, for whoever helps the clerk later.
const GraphicsLog = "窗口无法打开.log"

// softwareGLHint is whether the message offers Mesa's software drawing
// (llvmpipe, part of every Linux desktop's Mesa), which helps when the X
// server has GLX but the graphics driver is broken or too old.
const softwareGLHint = runtime.GOOS != "windows" && runtime.GOOS != "darwin"

// noGraphicsMessage is what the clerk is told when the window cannot start
// because the graphics cannot give it an OpenGL context (remote desktop,
// VDI, an old or missing graphics driver): why, what to do, and that the
// command-line jobs keep working. logPath, when known, is where the details
// were written.
func noGraphicsMessage(cause error, logPath string) string {
	var b strings.Builder
	var desktop *desktopError
	if errors.As(cause, &desktop) {
		b.WriteString("家园的窗口无法打开：连接不上这台电脑的图形桌面。\n")
		b.WriteString("请确认是在图形桌面里（而不是在远程命令行里）启动家园；远程桌面断开后请重新连接再试。\n\n")
	} else {
		fmt.Fprintf(&b, "家园的窗口无法打开：这台电脑的图形环境不支持 %s，而家园的窗口要用它来显示。\n", glRequirement)
		b.WriteString("远程桌面、云桌面（VDI）和显卡驱动过旧或未安装时常有这种情况。\n\n")
		b.WriteString("可以这样解决：\n")
		b.WriteString("  · 更新或安装显卡驱动（可请单位的信息技术人员帮忙）；\n")
		b.WriteString("  · 或者在有显卡的电脑上直接（不经远程桌面）打开家园。\n")
		if softwareGLHint {
			b.WriteString("  · 信息技术人员也可以试用软件绘图启动：LIBGL_ALWAYS_SOFTWARE=1 jiayuan\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("数据没有受到任何影响。命令行任务不需要窗口，照常可以使用，例如：\n")
	b.WriteString("  jiayuan backup 家园备份.jyb\n")
	b.WriteString("  jiayuan exchange import 滨江社区.jyx\n")
	b.WriteString("  jiayuan print certificates 1 证书.pdf\n")
	b.WriteString("运行 jiayuan help 可列出全部任务。")
	if cause != nil {
		b.WriteString("\n\n技术细节：" + strings.TrimSpace(cause.Error()))
	}
	if logPath != "" {
		b.WriteString("\n以上内容已记入 " + logPath)
	}
	return b.String()
}

// CanDraw checks, before the data folder is opened, that the graphics can
// give the window the OpenGL it needs (see probeGraphics). When they cannot
// it tells the clerk why and what to do, on standard error, in GraphicsLog
// in the data folder dir (or the default one) and, on Windows, in a message
// box, and returns false: the caller exits instead of letting the window
// fail silently or in English.
func CanDraw(dir string) bool {
	return canDraw(probeGraphics, func(cause error) {
		logPath := writeGraphicsLog(graphicsLogDir(dir), cause)
		msg := noGraphicsMessage(cause, logPath)
		fmt.Fprintln(os.Stderr, msg)
		showNativeError("家园的窗口无法打开", msg)
	})
}

// canDraw is CanDraw with the probe and the telling passed in (tests fail
// the probe on purpose).
func canDraw(probe func() error, tell func(cause error)) bool {
	err := probe()
	if err != nil {
		tell(err)
	}
	return err == nil
}

// graphicsLogDir is the folder the log goes in: the data folder given, or
// the default one, or the user's configuration folder.
func graphicsLogDir(dir string) string {
	if dir != "" {
		return dir
	}
	if d, err := data.DefaultDir(); err == nil {
		return d
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "jiayuan")
	}
	return os.TempDir()
}

// writeGraphicsLog appends the message and the time to GraphicsLog in dir
// and returns its path, or "" when it cannot be written (the message is
// shown all the same).
func writeGraphicsLog(dir string, cause error) string {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ""
	}
	path := filepath.Join(dir, GraphicsLog)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return ""
	}
	defer f.Close()
	if _, err := io.WriteString(f, time.Now().Format("2006-01-02 15:04:05")+"\n"+noGraphicsMessage(cause, "")+"\n\n"); err != nil {
		return ""
	}
	return path
}
