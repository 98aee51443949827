//go:build !js && !wasm && !android && !ios

package ui

import (
	"errors"
	"fmt"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// probeGraphics asks GLFW, as Fyne's window will, for a hidden window with
// the OpenGL context Fyne needs (glHints), and gives it back at once. Fyne
// itself, when that fails, logs in English and quits or exits (its
// initFailed), or, on a platform error, goes on without a window and the
// program ends silently; go-gl's binding panics on an error it does not
// expect (a pixel format Windows' built-in OpenGL 1.1 cannot give). All of
// these come back here as an error. GLFW stays initialised for Fyne
// (glfwInit again is a no-op) and its hints are reset to the defaults.
// It runs on the main thread, where main runs (Fyne's driver locks it).
func probeGraphics() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	if err := glfw.Init(); err != nil {
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
