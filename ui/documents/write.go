package documents

import (
	"io"

	"jiayuan/data"
)

// WriteFile writes the document gen makes to path through the program's one
// output writer (data.WriteOutput): a path that is, or leads through links
// to, anything inside the data folder dataDir is refused; the document goes
// into a temporary file in path's folder, synced and renamed to path on
// success, and on failure nothing is left, neither a half PDF nor the
// temporary file, and an older file of that name stays as it was. It returns
// the file's size. The window and the command line both save through it.
func WriteFile(dataDir, path string, gen func(w io.Writer) error) (int64, error) {
	return data.WriteOutput(dataDir, path, gen)
}
