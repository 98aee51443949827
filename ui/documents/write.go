package documents

import (
	"io"

	"jiayuan/data"
	"jiayuan/reports"
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

// WriteFileTelling is WriteFile that also returns the line telling which
// characters the document drew from a fallback font ("" when none; see
// reports.FallbackText), for the print-finished message.
func WriteFileTelling(dataDir, path string, gen func(w io.Writer) error) (int64, string, error) {
	var chars []reports.FallbackChar
	n, err := data.WriteOutput(dataDir, path, func(w io.Writer) error {
		fw := &reports.FallbackWriter{Writer: w}
		err := gen(fw)
		chars = fw.Chars
		return err
	})
	if err != nil {
		return n, "", err
	}
	return n, reports.FallbackText(chars), nil
}
