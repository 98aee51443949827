//go:build (gles || arm || arm64) && !darwin && !js && !wasm && !android && !ios

package ui

import "github.com/go-gl/glfw/v3.3/glfw"

// glRequirement names what Fyne's window needs on this build (OpenGL ES on
// arm and arm64 Linux, as Fyne builds it there).
const glRequirement = "OpenGL ES 2.0"

// glHints are the context hints of Fyne's OpenGL ES driver
// (fyne internal/driver/glfw/glfw_es.go).
func glHints() {
	glfw.WindowHint(glfw.ClientAPI, glfw.OpenGLESAPI)
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 0)
}
