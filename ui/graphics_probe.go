//go:build !js && !wasm && !android && !ios

package ui

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// probeGraphics asks GLFW, as Fyne's window will, for a hidden window with
// the OpenGL context Fyne needs (glHints), and gives it back at once. Fyne
// itself, when that fails, logs in English and quits or exits (its
// initFailed), or, on a platform error, goes on without a window and the
// program hangs or ends silently; go-gl's binding panics on an error it does
// not expect (a pixel format Windows' built-in OpenGL 1.1 cannot give). All
// of these come back here as an error; one where GLFW could not even start
// (the desktop cannot be reached) is a *desktopError. GLFW stays initialised
// for Fyne (glfwInit again is a no-op) and its hints are reset to the
// defaults. It runs on the main thread, where main runs (Fyne's driver locks it).
func probeGraphics() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	if err := initGLFW(); err != nil {
		return err
	}
	glfw.DefaultWindowHints()
	defer glfw.DefaultWindowHints()
	glfw.WindowHint(glfw.Visible, glfw.False)
	glHints()
	w, err := glfw.CreateWindow(64, 64, "家园", nil, nil)
	if err != nil {
		return err
	}
	if w == nil {
		return errors.New("GLFW could not create a window with an OpenGL context")
	}
	w.Destroy()
	return nil
}

// desktopError is GLFW failing to start at all: the graphical desktop
// cannot be reached, whatever its OpenGL.
type desktopError struct{ cause string }

func (e *desktopError) Error() string { return e.cause }

// initGLFW starts GLFW. go-gl only logs a platform error of glfwInit (say,
// X11: Failed to open display) and reports success; it is caught from the
// log, and GLFW asked whether it did start.
func initGLFW() (err error) {
	var logged bytes.Buffer
	prev, flags := log.Writer(), log.Flags()
	log.SetOutput(&logged)
	log.SetFlags(0)
	defer func() {
		log.SetOutput(prev)
		log.SetFlags(flags)
		if r := recover(); r != nil || err != nil {
			cause := strings.TrimSpace(logged.String())
			if err != nil {
				cause = strings.TrimSpace(cause + " " + err.Error())
			}
			err = &desktopError{cause: cause}
		}
	}()
	if err := glfw.Init(); err != nil {
		return err
	}
	glfw.GetTime() // panics when GLFW did not start
	return nil
}
