//go:build ((!gles && !arm && !arm64) || darwin) && !js && !wasm && !android && !ios

package ui

import "github.com/go-gl/glfw/v3.3/glfw"

// glRequirement names what Fyne's window needs on this build (desktop OpenGL).
const glRequirement = "OpenGL 2.1"

// glHints are the context hints of Fyne's desktop OpenGL driver
// (fyne internal/driver/glfw/glfw_core.go).
func glHints() {
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
	glfw.WindowHint(glfw.CocoaGraphicsSwitching, glfw.True)
}
